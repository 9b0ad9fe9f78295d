// title: Who attended and who was absent, per meeting
// description: For each meeting: who was present (or registered to attend) and who was
//   listed absent or said they could not come, with the organising body.
// asked-by: the province, seeing which regions and organisations are missing from the
//   Taskforce; the secretary, checking the attendance list.
// param: meeting string = "" | part of the meeting's name or its date (2023-04-12); empty for all
// writes: false
MATCH (mt:Meeting)
WHERE $meeting = '' OR mt.date = $meeting OR toLower(mt.name) CONTAINS toLower($meeting)
OPTIONAL MATCH (mt)-[:MEETING_OF]->(org)
WITH mt, collect(DISTINCT org.name) AS organisers
OPTIONAL MATCH (p)-[:ATTENDED]->(mt)
WITH mt, organisers, collect(DISTINCT p.name) AS present
OPTIONAL MATCH (q)-[:ABSENT_FROM]->(mt)
WITH mt, organisers, present, collect(DISTINCT q.name) AS absent
RETURN mt.name AS meeting, mt.date AS date, organisers, present, absent,
       size(present) AS n_present, size(absent) AS n_absent
ORDER BY date, meeting
