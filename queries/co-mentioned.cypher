// title: Entities most often mentioned together
// description: Pairs of entities named in the same documents, most shared documents first,
//   with the documents. Optionally only pairs that include one entity, or only pairs of
//   one label (Municipality, Organisation, Person ...). Meetings, action items and
//   documents themselves are left out (they are the occasion, not a party), and so is the
//   reference list, which names every municipality.
// asked-by: analysts, finding parties that keep turning up together (a coalition, a
//   recurring topic); the knowledge ambassador, finding who is talked about with whom.
// param: entity string = "" | only pairs with this entity (name, alias or id); empty for all
// param: label string = "" | only pairs where both are of this label; empty for all
// param: top int = 25 | how many pairs
// writes: false
WITH toLower($entity) AS wanted, toLower($label) + ':' AS prefix
MATCH (d:Document)-[:MENTIONS]->(x)
MATCH (d)-[:MENTIONS]->(y)
WHERE x.id < y.id AND coalesce(d.kind, '') <> 'reference'
  AND NOT x.id STARTS WITH 'meeting:' AND NOT y.id STARTS WITH 'meeting:'
  AND NOT x.id STARTS WITH 'actionitem:' AND NOT y.id STARTS WITH 'actionitem:'
  AND NOT x.id STARTS WITH 'document:' AND NOT y.id STARTS WITH 'document:'
  AND ($entity = ''
       OR toLower(x.name) = wanted OR x.id = $entity
       OR toLower(y.name) = wanted OR y.id = $entity
       OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = wanted)
       OR any(al IN coalesce(y.aliases, []) WHERE toLower(al) = wanted))
  AND ($label = '' OR (x.id STARTS WITH prefix AND y.id STARTS WITH prefix))
WITH x, y, count(DISTINCT d) AS documents, collect(DISTINCT d.name) AS document_names
RETURN x.name AS entity, y.name AS other, documents, document_names, x.id AS entity_id, y.id AS other_id
ORDER BY documents DESC, entity, other
LIMIT $top
