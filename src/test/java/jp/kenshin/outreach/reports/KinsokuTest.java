package jp.kenshin.outreach.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Japanese line-breaking rules, measured with the embedded IPAex Gothic. */
class KinsokuTest {

    private static void assertReadsRight(String broken) {
        for (String line : broken.split("\n")) {
            assertThat(line).isNotEmpty();
            assertThat(Kinsoku.NO_LINE_START.indexOf(line.charAt(0))).as("line starts with %s", line.charAt(0)).isLessThan(0);
            assertThat(Kinsoku.NO_LINE_END.indexOf(line.charAt(line.length() - 1))).as("line ends with %s", line).isLessThan(0);
        }
    }

    @Test
    void aClosingBracketOrFullStopNeverStartsALineAndAnOpeningBracketNeverEndsOne() {
        // 10 characters of 10 pt fit a line of 100 pt; each text puts a forbidden character just past a full line
        String[] texts = {"あいうえおかきくけこ）さしすせそ", "あいうえおかきくけこ。さしすせそ", "あいうえおかきくけ（さしすせそ）",
                "あいうえおかきくけこっさしすせそ", "あいうえおかきくけこーさしすせそ", "あいうえおかきくけこ～さしすせそ",
                "あいうえおかきくけこ、」さしすせそ"};
        for (String text : texts) {
            String broken = Kinsoku.breakLines(text, false, 10, 101);
            assertThat(broken).contains("\n");
            assertThat(broken.replace("\n", "")).isEqualTo(text);
            assertReadsRight(broken);
        }
        assertThat(Kinsoku.breakLines("あいうえおかきくけこ）さしすせそ", false, 10, 101)).isEqualTo("あいうえおかきくけ\nこ）さしすせそ");
    }

    @Test
    void numbersAndLatinWordsStayWholeAndShortTextsAndLineBreaksAreKept() {
        assertThat(Kinsoku.breakLines("電話 0120-555-014", false, 10, 500)).isEqualTo("電話 0120-555-014");
        assertThat(Kinsoku.breakLines("お問い合わせは 0120-555-014 まで", false, 10, 120)).isEqualTo("お問い合わせは\n0120-555-014 まで");
        assertThat(Kinsoku.breakLines("一行目\n二行目", true, 10, 500)).isEqualTo("一行目\n二行目");
    }

    @Test
    void tildesBecomeTheFullWidthWaveDash() {
        assertThat(Kinsoku.waveDashes("9時~17時、10時〜12時")).isEqualTo("9時～17時、10時～12時");
    }
}
