package jp.kenshin.outreach;

import java.util.regex.Pattern;

/** Ids as error texts may show them: a submitted id is named only when it has the form of an id. */
public final class Ids {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private Ids() {
    }

    /** The id itself when it looks like one (letters, digits, {@code _ . : -}, at most 64), else a placeholder. */
    public static String shown(String id) {
        return id != null && ID.matcher(id).matches() ? id : "（形式の正しくない番号）";
    }
}
