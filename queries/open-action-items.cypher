// title: Open action items per owner
// description: Action items still open, grouped by who must do them; an item whose owner is
//   blanked in the published minutes is listed under "(redacted)", one with no owner at all
//   under "(no owner)". With the meeting that raised it and its date.
// asked-by: the knowledge ambassador and the Taskforce secretary, going through the action
//   list before the next meeting: what was agreed and is still open, and by whom.
// param: owner string = "" | only this owner (name, case-insensitive); empty for all
// writes: false
MATCH (a:ActionItem)
WHERE a.status = 'open'
OPTIONAL MATCH (a)-[:ASSIGNED_TO]->(o)
OPTIONAL MATCH (a)-[:RAISED_IN]->(mt:Meeting)
WITH a, mt, CASE WHEN o IS NOT NULL THEN o.name
                 WHEN a.owner_redacted THEN '(redacted)'
                 ELSE '(no owner)' END AS owner
WHERE $owner = '' OR toLower(owner) = toLower($owner)
RETURN owner, a.text AS action_item, mt.name AS meeting, mt.date AS raised_on,
       a.owner_redacted AS owner_redacted, a.id AS id
ORDER BY owner, raised_on, id
