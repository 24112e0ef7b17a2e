package jp.kenshin.outreach.fileimport;

/** COMMITTED: the file's rows are in. REFUSED: nothing of the file was kept. */
public enum ImportStatus { RUNNING, COMMITTED, REFUSED, FAILED }
