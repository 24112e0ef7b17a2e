package jp.kenshin.outreach.fileimport;

public enum ImportKind { MEMBERS, RESULTS }
