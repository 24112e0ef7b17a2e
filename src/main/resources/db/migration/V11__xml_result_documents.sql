-- Checkup results in the standard XML form (HL7 CDA R2 documents in a zip archive).
-- An import records which form its file had; the earlier imports were all CSV files.
alter table import_run add column file_format varchar(10) not null default 'CSV'
    check (file_format in ('CSV', 'XML'));

-- An issue of an XML import names the document inside the archive (its file name, e.g.
-- h131000001720260410010000001.xml); "line" is then the document's place in the archive (1, 2, ...).
-- Null for CSV imports, whose issues are named by line alone.
alter table import_issue add column document_name varchar(255);
