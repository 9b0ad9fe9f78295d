// title: What changed between two meetings
// description: Relationships asserted in one meeting's minutes but not in the other's:
//   "new" rows are said in the later minutes and not in the earlier ones, "not repeated"
//   rows the other way round. Two assertions are the same when type, both ends and their detail
//   (contact kind and status, engagement level, partner role, member status) agree; an
//   engagement rating is compared by municipality and level. Document mentions and the
//   action items' own bookkeeping (RAISED_IN) are left out. The minutes of a meeting are
//   the source documents dated that day.
// asked-by: the Taskforce secretary and the province, reading what moved since last time:
//   new contacts and partners, changed engagement, who turned up or stayed away.
// param: earlier date = "2023-04-12" | date of the earlier meeting (its minutes' date)
// param: later date = "2023-05-17" | date of the later meeting (its minutes' date)
// writes: false
// this_doc: the minutes whose assertions are listed; other_doc: the minutes compared with.
// The relationship's own values are copied into the WITH before the subquery: on the
// embedded store (ladybug 0.22) an outer relationship's properties read inside
// EXISTS { } come out wrong.
MATCH (this_doc:Document)
MATCH (other_doc:Document)
WHERE this_doc.date = $later AND other_doc.date = $earlier AND this_doc.sha256 IS NOT NULL AND other_doc.sha256 IS NOT NULL
  AND coalesce(this_doc.kind, '') <> 'reference' AND coalesce(other_doc.kind, '') <> 'reference'
  AND this_doc.id <> other_doc.id
MATCH (a)-[r]->(b)
WHERE r.source = this_doc.id AND NOT label(r) IN ['MENTIONS', 'RAISED_IN']
WITH this_doc, other_doc, a, b, r, label(r) AS rtype, coalesce(r.kind, r.role, r.level, '') AS detail,
     coalesce(r.status, '') AS status
WHERE NOT EXISTS {
    MATCH (a2)-[r2]->(b)
    WHERE r2.source = other_doc.id AND label(r2) = rtype
      AND (a2.id = a.id OR (a.id = this_doc.id AND a2.id = other_doc.id))
      AND coalesce(r2.kind, r2.role, r2.level, '') = detail AND coalesce(r2.status, '') = status
  }
RETURN 'new' AS change, rtype AS relationship,
       CASE WHEN a.id = this_doc.id THEN '(the minutes)' ELSE a.name END AS from_party, b.name AS to_party,
       detail, status, r.evidence AS evidence, this_doc.name AS document
UNION ALL
MATCH (this_doc:Document)
MATCH (other_doc:Document)
WHERE this_doc.date = $earlier AND other_doc.date = $later AND this_doc.sha256 IS NOT NULL AND other_doc.sha256 IS NOT NULL
  AND coalesce(this_doc.kind, '') <> 'reference' AND coalesce(other_doc.kind, '') <> 'reference'
  AND this_doc.id <> other_doc.id
MATCH (a)-[r]->(b)
WHERE r.source = this_doc.id AND NOT label(r) IN ['MENTIONS', 'RAISED_IN']
WITH this_doc, other_doc, a, b, r, label(r) AS rtype, coalesce(r.kind, r.role, r.level, '') AS detail,
     coalesce(r.status, '') AS status
WHERE NOT EXISTS {
    MATCH (a2)-[r2]->(b)
    WHERE r2.source = other_doc.id AND label(r2) = rtype
      AND (a2.id = a.id OR (a.id = this_doc.id AND a2.id = other_doc.id))
      AND coalesce(r2.kind, r2.role, r2.level, '') = detail AND coalesce(r2.status, '') = status
  }
RETURN 'not repeated' AS change, rtype AS relationship,
       CASE WHEN a.id = this_doc.id THEN '(the minutes)' ELSE a.name END AS from_party, b.name AS to_party,
       detail, status, r.evidence AS evidence, this_doc.name AS document
// neo4j:
MATCH (this_doc:Document)
MATCH (other_doc:Document)
WHERE this_doc.date = $later AND other_doc.date = $earlier AND this_doc.sha256 IS NOT NULL AND other_doc.sha256 IS NOT NULL
  AND coalesce(this_doc.kind, '') <> 'reference' AND coalesce(other_doc.kind, '') <> 'reference'
  AND this_doc.id <> other_doc.id
MATCH (a)-[r]->(b)
WHERE r.source = this_doc.id AND NOT type(r) IN ['MENTIONS', 'RAISED_IN']
WITH this_doc, other_doc, a, b, r, type(r) AS rtype, coalesce(r.kind, r.role, r.level, '') AS detail,
     coalesce(r.status, '') AS status
WHERE NOT EXISTS {
    MATCH (a2)-[r2]->(b)
    WHERE r2.source = other_doc.id AND type(r2) = rtype
      AND (a2.id = a.id OR (a.id = this_doc.id AND a2.id = other_doc.id))
      AND coalesce(r2.kind, r2.role, r2.level, '') = detail AND coalesce(r2.status, '') = status
  }
RETURN 'new' AS change, rtype AS relationship,
       CASE WHEN a.id = this_doc.id THEN '(the minutes)' ELSE a.name END AS from_party, b.name AS to_party,
       detail, status, r.evidence AS evidence, this_doc.name AS document
UNION ALL
MATCH (this_doc:Document)
MATCH (other_doc:Document)
WHERE this_doc.date = $earlier AND other_doc.date = $later AND this_doc.sha256 IS NOT NULL AND other_doc.sha256 IS NOT NULL
  AND coalesce(this_doc.kind, '') <> 'reference' AND coalesce(other_doc.kind, '') <> 'reference'
  AND this_doc.id <> other_doc.id
MATCH (a)-[r]->(b)
WHERE r.source = this_doc.id AND NOT type(r) IN ['MENTIONS', 'RAISED_IN']
WITH this_doc, other_doc, a, b, r, type(r) AS rtype, coalesce(r.kind, r.role, r.level, '') AS detail,
     coalesce(r.status, '') AS status
WHERE NOT EXISTS {
    MATCH (a2)-[r2]->(b)
    WHERE r2.source = other_doc.id AND type(r2) = rtype
      AND (a2.id = a.id OR (a.id = this_doc.id AND a2.id = other_doc.id))
      AND coalesce(r2.kind, r2.role, r2.level, '') = detail AND coalesce(r2.status, '') = status
  }
RETURN 'not repeated' AS change, rtype AS relationship,
       CASE WHEN a.id = this_doc.id THEN '(the minutes)' ELSE a.name END AS from_party, b.name AS to_party,
       detail, status, r.evidence AS evidence, this_doc.name AS document
