// title: Everyone linked to a governance body
// description: Who is connected to one body (Taskforce, Stuurgroep, BO Wonen, a werkgroep,
//   GS, PS ...) and how: chair, member or candidate member, speaking for it, present at or
//   absent from its meetings (times: how many of its meetings).
// asked-by: the province, checking who sits in or around the Stuurgroep and the Taskforce
//   and which regions are unrepresented; the knowledge ambassador, finding the right door.
// param: body string = "Taskforce Internationale Werknemers" | the body's name, an alias or its id (case-insensitive)
// writes: false
WITH toLower($body) AS wanted
MATCH (b:Body)
WHERE toLower(b.name) = wanted OR b.id = $body
   OR any(al IN coalesce(b.aliases, []) WHERE toLower(al) = wanted)
MATCH (x)-[r:CHAIR_OF]->(b)
RETURN b.name AS body, x.name AS party, 'chair' AS link, 1 AS times,
       collect(DISTINCT r.source) AS sources
UNION ALL
WITH toLower($body) AS wanted
MATCH (b:Body)
WHERE toLower(b.name) = wanted OR b.id = $body
   OR any(al IN coalesce(b.aliases, []) WHERE toLower(al) = wanted)
MATCH (x)-[r:MEMBER_OF]->(b)
RETURN b.name AS body, x.name AS party, coalesce(r.status, 'member') AS link, 1 AS times,
       collect(DISTINCT r.source) AS sources
UNION ALL
WITH toLower($body) AS wanted
MATCH (b:Body)
WHERE toLower(b.name) = wanted OR b.id = $body
   OR any(al IN coalesce(b.aliases, []) WHERE toLower(al) = wanted)
MATCH (x)-[r:REPRESENTS]->(b)
RETURN b.name AS body, x.name AS party, 'represents' AS link, 1 AS times,
       collect(DISTINCT r.source) AS sources
UNION ALL
WITH toLower($body) AS wanted
MATCH (b:Body)
WHERE toLower(b.name) = wanted OR b.id = $body
   OR any(al IN coalesce(b.aliases, []) WHERE toLower(al) = wanted)
MATCH (x)-[r:ATTENDED]->(mt:Meeting)-[:MEETING_OF]->(b)
RETURN b.name AS body, x.name AS party, 'attended a meeting' AS link, count(DISTINCT mt) AS times,
       collect(DISTINCT r.source) AS sources
UNION ALL
WITH toLower($body) AS wanted
MATCH (b:Body)
WHERE toLower(b.name) = wanted OR b.id = $body
   OR any(al IN coalesce(b.aliases, []) WHERE toLower(al) = wanted)
MATCH (x)-[r:ABSENT_FROM]->(mt:Meeting)-[:MEETING_OF]->(b)
RETURN b.name AS body, x.name AS party, 'absent from a meeting' AS link, count(DISTINCT mt) AS times,
       collect(DISTINCT r.source) AS sources
