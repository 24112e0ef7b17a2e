package jp.kenshin.outreach.fileimport;

/**
 * The form of an imported file: a CSV file (members, checkup results) or a zip archive of XML
 * documents (checkup results in the national standard form). An XML import names the documents of
 * its archive in its issues and counts documents where a CSV import counts rows.
 */
public enum FileFormat { CSV, XML }
