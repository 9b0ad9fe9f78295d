// title: Documents that mention an entity
// description: Every loaded document that names an entity (found by name, alias or id,
//   case-insensitively; part of a name is enough), newest first, with how many
//   relationships that document asserts about it. The reference list of municipalities
//   and regions is left out unless asked for.
// asked-by: analysts and the knowledge ambassador, going back to the source: where was
//   this municipality, alderman or project discussed, and when.
// param: entity string = "Horst aan de Maas" | name, part of a name, alias or id
// param: include_reference bool = false | also list the reference data document
// writes: false
WITH toLower($entity) AS wanted
MATCH (d:Document)-[:MENTIONS]->(x)
WHERE toLower(x.name) CONTAINS wanted OR x.id = $entity
   OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) CONTAINS wanted)
WITH d, x
WHERE $include_reference OR coalesce(d.kind, '') <> 'reference'
RETURN d.name AS document, d.id AS document_id, d.date AS date, d.kind AS kind, x.name AS entity, x.id AS entity_id,
       COUNT { MATCH (x)-[r]-() WHERE r.source = d.id } AS relationships, d.path AS path
ORDER BY date DESC, document, entity
