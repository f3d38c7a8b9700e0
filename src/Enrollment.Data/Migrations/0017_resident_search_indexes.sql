-- Finding people (查找人员): the search box looks residents up by ID number (the unique key already serves it), by
-- household number (households_number already), by phone and by name prefix. The cluster's collation is C.UTF-8,
-- under which a btree cannot serve a name prefix; an index on the name in collation "C" serves the range the search
-- writes (name >= '王' AND name < '玌': leakproof, unlike LIKE, so usable under row-level security) and yields rows
-- in that order, so a page of 王 over a whole county stops after its rows instead of sorting tens of thousands
-- (docs/performance.md, "Finding people"). id last: the order is total, so paging is stable. The village is
-- included so the page's ids come from the index alone (index-only), joined only to the places.
CREATE INDEX residents_name ON residents (tenant_id, name COLLATE "C", id) INCLUDE (village_id);

-- A village collector's or a filtered search: the village's residents by name. It leads with the village, so it
-- also serves everything residents_village did; that index goes.
CREATE INDEX residents_village_name ON residents (tenant_id, village_id, name COLLATE "C", id);
DROP INDEX residents_village;

-- Phone numbers are stored in their normal form (PhoneNumber.TryNormalize), so an exact match suffices.
CREATE INDEX residents_phone ON residents (tenant_id, phone) WHERE phone IS NOT NULL;
