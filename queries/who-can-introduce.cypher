// title: Who can introduce us to someone
// description: The parties already in contact or working with a person or organisation
//   (CONTACT, COLLABORATES_WITH, the same municipality's aldermen), and whether the
//   knowledge ambassador (or another starting party) is in contact with them already:
//   a warm introduction instead of a cold call.
// asked-by: the knowledge ambassador, planning a contact round ("who can introduce me to
//   wethouder Geilen?").
// param: target string = "Geilen" | whom to reach (name, alias or id)
// param: via string = "Kennisambassadeur" | who asks (name, alias or id)
// writes: false
WITH toLower($target) AS wanted_t, toLower($via) AS wanted_s
MATCH (t)
WHERE toLower(t.name) = wanted_t OR t.id = $target
   OR any(al IN coalesce(t.aliases, []) WHERE toLower(al) = wanted_t)
MATCH (t)-[r:CONTACT|COLLABORATES_WITH]-(m)
OPTIONAL MATCH (s)
WHERE toLower(s.name) = wanted_s OR s.id = $via
   OR any(al IN coalesce(s.aliases, []) WHERE toLower(al) = wanted_s)
WITH t, m, s, collect(DISTINCT coalesce(r.kind, 'collaboration')) AS how,
     collect(DISTINCT r.evidence) AS evidence
WHERE s IS NULL OR m.id <> s.id
RETURN t.name AS target, m.name AS introducer, how,
       s IS NOT NULL AND EXISTS { MATCH (s)-[:CONTACT|COLLABORATES_WITH]-(m) } AS already_in_contact,
       evidence
ORDER BY already_in_contact DESC, introducer
