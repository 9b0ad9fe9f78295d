// title: Paths between two entities
// description: The shortest chains of relationships (at most 6 steps, either direction)
//   that connect two entities: who knows whom, which body or meeting they share, which
//   region links them. Document mentions and engagement ratings are left out, or every two
//   entities in one document would be two steps apart. Entities are found by name or id
//   (case-insensitive) or by an alias spelled exactly.
// asked-by: the knowledge ambassador, looking for someone who can introduce them to an
//   alderman; analysts, explaining why two parties turn up together.
// param: from_entity string = "Kennisambassadeur" | where the path starts (name, alias or id)
// param: to_entity string = "Geilen" | where the path ends (name, alias or id)
// writes: false
// No WITH before the path pattern: on the embedded store (ladybug 0.22) a WITH there makes
// RETURN p exhaust the buffer pool.
MATCH (a)
WHERE toLower(a.name) = toLower($from_entity) OR a.id = $from_entity
   OR $from_entity IN coalesce(a.aliases, [])
MATCH (b)
WHERE (toLower(b.name) = toLower($to_entity) OR b.id = $to_entity
   OR $to_entity IN coalesce(b.aliases, []))
  AND a.id <> b.id
MATCH p = (a)-[:IN_REGION|ALDERMAN_OF|AFFILIATED_WITH|CHAIR_OF|MEMBER_OF|REPRESENTS|ATTENDED|ABSENT_FROM|MEETING_OF|HELD_IN|CONTACT|COLLABORATES_WITH|PARTNER_IN|DECLINED|PART_OF|FUNDED_BY|AUTHORED|ASSIGNED_TO|RAISED_IN* ALL SHORTEST 1..6]-(b)
RETURN length(p) AS steps, properties(nodes(p), 'name') AS route,
       list_transform(rels(p), r -> label(r)) AS relationships, p AS path
ORDER BY steps
// neo4j:
MATCH (a)
WHERE toLower(a.name) = toLower($from_entity) OR a.id = $from_entity
   OR $from_entity IN coalesce(a.aliases, [])
MATCH (b)
WHERE (toLower(b.name) = toLower($to_entity) OR b.id = $to_entity
   OR $to_entity IN coalesce(b.aliases, []))
  AND a.id <> b.id
MATCH p = allShortestPaths((a)-[:IN_REGION|ALDERMAN_OF|AFFILIATED_WITH|CHAIR_OF|MEMBER_OF|REPRESENTS|ATTENDED|ABSENT_FROM|MEETING_OF|HELD_IN|CONTACT|COLLABORATES_WITH|PARTNER_IN|DECLINED|PART_OF|FUNDED_BY|AUTHORED|ASSIGNED_TO|RAISED_IN*1..6]-(b))
RETURN length(p) AS steps, [n IN nodes(p) | n.name] AS route,
       [r IN relationships(p) | type(r)] AS relationships, p AS path
ORDER BY steps
