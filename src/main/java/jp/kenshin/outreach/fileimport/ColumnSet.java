package jp.kenshin.outreach.fileimport;

import java.util.List;
import java.util.Set;

/**
 * The columns a file format knows: the required ones, groups of which one is required, and the
 * known columns that are read only to be dropped (never stored, named in the report).
 */
public record ColumnSet(Set<String> known, List<String> required, List<List<String>> requiredOneOf, Set<String> dropped) {
}
