// title: Everything the documents say about an entity
// description: Every relationship of one entity (either direction, document mentions left
//   out) with the other party, the relationship's details (kind, status, date, role,
//   level, title), the sentence it was read from and its source document.
// asked-by: the knowledge ambassador, preparing a visit ("what do we know about wethouder
//   Diederen?"); analysts, checking an extraction against its source.
// param: entity string = "Diederen" | name, alias or id (case-insensitive)
// writes: false
WITH toLower($entity) AS wanted
MATCH (x)
WHERE toLower(x.name) = wanted OR x.id = $entity
   OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = wanted)
MATCH (x)-[r]->(other)
WHERE label(r) <> 'MENTIONS'
RETURN x.name AS entity, label(r) AS relationship, 'out' AS direction,
       other.name AS other, label(other) AS other_label,
       coalesce(r.kind, r.role, r.level, r.title, '') AS detail,
       coalesce(r.status, '') AS status, r.date AS date, r.evidence AS evidence, r.source AS source
UNION ALL
WITH toLower($entity) AS wanted
MATCH (x)
WHERE toLower(x.name) = wanted OR x.id = $entity
   OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = wanted)
MATCH (x)<-[r]-(other)
WHERE label(r) <> 'MENTIONS'
RETURN x.name AS entity, label(r) AS relationship, 'in' AS direction,
       other.name AS other, label(other) AS other_label,
       coalesce(r.kind, r.role, r.level, r.title, '') AS detail,
       coalesce(r.status, '') AS status, r.date AS date, r.evidence AS evidence, r.source AS source
// neo4j:
WITH toLower($entity) AS wanted
MATCH (x)
WHERE toLower(x.name) = wanted OR x.id = $entity
   OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = wanted)
MATCH (x)-[r]->(other)
WHERE type(r) <> 'MENTIONS'
RETURN x.name AS entity, type(r) AS relationship, 'out' AS direction,
       other.name AS other, labels(other)[0] AS other_label,
       coalesce(r.kind, r.role, r.level, r.title, '') AS detail,
       coalesce(r.status, '') AS status, r.date AS date, r.evidence AS evidence, r.source AS source
UNION ALL
WITH toLower($entity) AS wanted
MATCH (x)
WHERE toLower(x.name) = wanted OR x.id = $entity
   OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = wanted)
MATCH (x)<-[r]-(other)
WHERE type(r) <> 'MENTIONS'
RETURN x.name AS entity, type(r) AS relationship, 'in' AS direction,
       other.name AS other, labels(other)[0] AS other_label,
       coalesce(r.kind, r.role, r.level, r.title, '') AS detail,
       coalesce(r.status, '') AS status, r.date AS date, r.evidence AS evidence, r.source AS source
