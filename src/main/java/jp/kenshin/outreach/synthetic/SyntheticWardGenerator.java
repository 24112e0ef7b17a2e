package jp.kenshin.outreach.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Writes a synthetic ward, members file and checkup results, in the shared formats
 * ({@code formats/members.md}, CSV form of {@code formats/checkup-results.md}), so that imports can be
 * tested and demonstrated with invented people only. Nothing here describes a real person.
 *
 * <h2>Determinism and streaming</h2>
 * Person {@code i} (0-based) is drawn on its own by a SplitMix64 generator seeded from
 * {@code (seed, i)}; the result of person {@code i} in fiscal year {@code Y} uses a second generator
 * seeded from {@code (seed, i, Y)} and the person's lasting body and risk traits a third one. The same {@link SyntheticWardSpec} therefore gives byte-identical
 * files on every run and JVM, members and results agree, and rows are written one at a time
 * without keeping people in memory. Only integer arithmetic, basic double operations and
 * {@link StrictMath} are used, so nothing depends on platform maths. The encoding of the
 * spec changes only the bytes, never the people.
 *
 * <h2>File syntax</h2>
 * The spec's charset ({@code windows-31j} or UTF-8 without byte order mark), encoded strictly (an
 * unencodable character is an {@link java.nio.charset.UnmappableCharacterException}); header row
 * first; CRLF after every row; RFC 4180 quotes around fields holding a comma, quote or line break
 * (quotes doubled). The write methods flush but do not close the given stream.
 *
 * <h2>Members file: the people</h2>
 * Shares are of all rows unless said otherwise; "about" means drawn at random with that chance,
 * "exactly" means chosen by the row index {@code i}.
 * <ul>
 * <li>整理番号 {@code 100000001 + i}. Written in full-width digits in 0.5% of rows and with two leading
 * ASCII spaces in another 0.5%.</li>
 * <li>国保記号番号 {@code 12-nnnnnnn}, {@code nnnnnnn = i + 1} (the symbol becomes 13, 14, ... past
 * 9,999,999 people).</li>
 * <li>Age: legal age (1 April birthdays count as reached on 31 March) at the end of the fiscal year
 * (31 March {@code FY+1}), 1 to 74, drawn by 5-year band with weights 1–4: 2.0, 5–9: 3, 10–14: 3,
 * 15–19: 3.5, 20–24: 5, 25–29: 4.5, 30–34: 4, 35–39: 4, 40–44: 4.5, 45–49: 5, 50–54: 5.5, 55–59: 5.5,
 * 60–64: 10, 65–69: 17, 70–74: 23 (of 99.5; so 40.2% are 65–74, 70.9% are 40–74), the birth date
 * uniform within that age's school-year cohort (2 April to 1 April). Nobody is born after 1 April of
 * the fiscal year (no age-0 newborns), because the import refuses birth dates in the future and the
 * fiscal year is usually the current one.</li>
 * <li>Birthday edges, exactly: rows with {@code i % 500 == 137} are born on 1 April, {@code == 274} on
 * 2 April, {@code == 411} on 29 February (of the leap year nearest to the drawn age); half of these
 * rows take an age next to a selection edge (39, 40, 64, 65, 69, 70, 74).</li>
 * <li>性別 {@code 1} (male) about 47%, else {@code 2}.</li>
 * <li>Names: 80 common surnames (the first ones drawn about twice as often as the last) and 63 male /
 * 64 female given names chosen by birth-year generation, with their katakana readings. Exactly 1%
 * ({@code i % 100 == 17}) carry a CP932-only surname: 髙橋 タカハシ, 髙木 タカギ, 山﨑 ヤマサキ, 宮﨑 ミヤザキ.
 * Family and given name are separated by one ASCII space. About 10% of カナ氏名 are in half-width
 * katakana ({@code ﾀｶﾊｼ ｲﾁﾛｳ}). About 1% of 漢字氏名 end in an ideographic space (U+3000), about 1% of
 * カナ氏名 in two ASCII spaces.</li>
 * <li>住所地特例フラグ {@code 1} for about 2.5% of those aged 65–74 (about 1.0% of rows), who live in a care
 * facility in another ward (their address is there, 漢字方書 names the facility); otherwise {@code 0}
 * (80%) or empty (20%).</li>
 * <li>マル学・マル遠区分 {@code 1} for about 5% of those aged 18–24, {@code 2} for about 0.15% of the others
 * (together about 0.5%); otherwise {@code 0} (80%) or empty (20%).</li>
 * <li>Addresses: one of the 20 towns of 豊島区 with its postal code (170-/171-), or for the special
 * address rule one of 20 towns of other wards. 郵便番号 with a hyphen about 30%, in full-width digits
 * about 2%. 漢字住所 {@code 東京都} + ward + town (the prefecture left out about 5%) + house number as
 * {@code 三丁目1番1号} (45%), {@code 3-1-1} (35%), {@code 三丁目1-1} (10%) or {@code ３－１－１} (10%); about
 * 3% end in one or two ideographic spaces.</li>
 * <li>漢字方書: exactly 2% ({@code i % 50 == 23}) hold CP932-only characters ({@code ㈱山田商事 寮①},
 * {@code メゾン～青葉～203}, {@code 第②桜ビル 302号室}, {@code 青葉ハイツ③ 203}; ～ is U+FF5E), exactly 0.1%
 * ({@code i % 1000 == 777}) hold a comma or double quotes, about 38% of the rest a building and room
 * (88%) or a care-of {@code 鈴木方} (12%): about 40% in all, facilities included. About 1% of them
 * start or end with an ideographic space.</li>
 * <li>電話番号: aged 40–74, about 82% usable, 3% malformed, 15% empty; under 40, 65% usable, 3%
 * malformed, 32% empty. Usable numbers: {@code 03} landline 50%, other 3-digit area code landline 10%
 * ({@code 042/044/045/047/048}), mobile {@code 090/080/070} 38%, IP {@code 050} 2%; written
 * {@code 03-1234-5678} (45%), {@code 0312345678} (25%), {@code 03(1234)5678} (12%),
 * {@code ０９０（１２３４）５６７８} (10%), {@code ０３－１２３４－５６７８} (8%); 1% of them end in an
 * ideographic space. Malformed, a quarter each: too few digits ({@code 03-1234-567}), too many
 * ({@code 090-1234-56789}), letters ({@code 03-12AB-5678}), 9 digits without the leading 0
 * ({@code 312345678}).</li>
 * <li>資格取得年月日: about 4% joined during the fiscal year (uniform 1 April FY .. 31 March FY+1). Of
 * the others aged 62+, 60% joined at 60–65 on leaving employment (before the fiscal year); under 20,
 * half since birth; the rest uniform over the 30 years before the fiscal year (not before birth).</li>
 * <li>資格喪失年月日: about 6%, uniform from 1 April of the previous fiscal year to 31 March FY+1, always
 * after 資格取得年月日 (when that leaves no day, the person stays insured).</li>
 * <li>受診券整理番号: 11 digits, {@code YY} (fiscal year mod 100) + {@code 10000000 + i + 1} + a Luhn
 * check digit, so unique per person and fiscal year; issued to those aged 40–74 at the end of the
 * fiscal year who are insured at some time in it, except about 2% (not issued yet). Younger members
 * and those who left in the previous year have none (the ticket is for the checkup of 40–74).</li>
 * <li>Columns the application drops: 資格証区分 {@code 1} 70%, {@code 2} 25%, {@code 3} 3%, empty 2%;
 * 資格取得事由 {@code 01} 転入 45%, {@code 02} 社保離脱 45%, {@code 04} 生保廃止 3%, {@code 09} 7% ({@code 02}
 * for the retirement joiners, {@code 03} 出生 for those insured since birth); 資格取得届出日 0–14 days
 * after joining; 資格喪失事由 ({@code 01} 転出 45%, {@code 02} 社保加入 35%, {@code 03} 死亡 6%,
 * {@code 04} 生保開始 4%, {@code 09} 10%) and 資格喪失届出日 (0–14 days after) when lost; 保険証回収日 for
 * 60% of those lost (1–40 days after); 旧国保記号番号 {@code 11-nnnnnnn} about 6% with
 * 旧記号番号有効日 up to 10 years before joining; 旧住民番号 (8 digits) about 15%.</li>
 * </ul>
 *
 * <h2>Results files</h2>
 * Rows in 整理番号 order, only for people aged 40–74 (legal age at the end of the result year) who
 * are insured on the exam date. Each person has a fixed checkup habit: regular (attends a year with
 * chance 0.90), occasional (0.25) or never (0.02). Occasional is 20% at every age; the regular share
 * is set so that the expected uptake is 20.5% (age 40–44 at the end of the members' fiscal year),
 * 22.5% (45–49), 26.5% (50–54), 29.5% (55–59), 35.5% (60–64), 41.5% (65–69), 45.5% (70–74): about 37%
 * of the 40–74 year olds insured all through the year (37.5% in the previous year, 37.2% in the
 * current one on a million members). Attendance is therefore sticky: about 79% of last year's
 * attendees attend again, about 12–13% of last year's non-attendees do.
 * <ul>
 * <li>年度 the result year; 整理番号 always; 受診券整理番号 only in the file of the members' own fiscal
 * year (and only when the person has one), empty for earlier years; 生年月日 and 性別 as in the members
 * file.</li>
 * <li>実施年月日: month April 0.5%, May 2%, June 10%, July 12%, August 9%, September 12%, October 16%,
 * November 15%, December 10%, January 8%, February 4.5%, March 1% (of 100); Sundays moved to the next
 * day (31 March to the 30th), 29 December–3 January moved to 28 December / 4 January.</li>
 * <li>健診機関番号: one of 24 ten-digit numbers {@code 131…}.</li>
 * <li>Every item is a lasting trait of the person (90%) moved by the year's measurement (44%, both as
 * standard deviations), so results of one person look alike across years; height varies by 0.3 cm.
 * 身長 145.0–185.0 (by sex and age), 体重 from a drawn BMI (16.5–38), BMI computed from the written
 * height and weight (one decimal, half up), 腹囲 from BMI; 収縮期/拡張期血圧 85–210 / 45–130 (diastolic at
 * least 15 below systolic); 中性脂肪 25–1000, HDL 25–130, LDL 40–280; HbA1c 4.8–8.5 (7% with a diabetic
 * rise), 空腹時血糖 70–250 following HbA1c. Not measured (empty): height/weight/BMI 0.5%, 腹囲 2%,
 * blood pressure 0.5%, 中性脂肪 1.5%, HDL 1.5%, LDL 3%, 空腹時血糖 40% (non-fasting), HbA1c 4%.</li>
 * <li>保健指導レベル ({@code 1} 積極的支援, {@code 2} 動機付け支援, {@code 3} なし, {@code 4} 判定不能): empty
 * about 3%; {@code 4} when body size, waist, blood pressure, both glucose items or both lipid items
 * are missing; {@code 3} for about 20% + 0.6% per year of age over 40 (on medication; a lasting trait); otherwise by the
 * national rule (waist ≥ 85 men / 90 women, or BMI ≥ 25; risks: glucose ≥ 100 or HbA1c ≥ 5.6, TG ≥ 150
 * or HDL &lt; 40, BP ≥ 130/85), with 積極的支援 becoming 動機付け支援 from 65.</li>
 * </ul>
 */
public final class SyntheticWardGenerator {

    /** The members file's columns, in the order of members.md. */
    public static final List<String> MEMBER_COLUMNS = List.of("整理番号", "国保記号番号", "受診券整理番号", "カナ氏名",
            "漢字氏名", "生年月日", "性別", "郵便番号", "漢字住所", "漢字方書", "電話番号", "住所地特例フラグ", "マル学・マル遠区分",
            "資格取得年月日", "資格喪失年月日", "資格証区分", "資格取得事由", "資格取得届出日", "資格喪失事由", "資格喪失届出日",
            "保険証回収日", "旧国保記号番号", "旧住民番号", "旧記号番号有効日");

    /** The results CSV's columns, in the order of checkup-results.md. */
    public static final List<String> RESULT_COLUMNS = List.of("年度", "整理番号", "受診券整理番号", "生年月日", "性別",
            "実施年月日", "健診機関番号", "身長", "体重", "BMI", "腹囲", "収縮期血圧", "拡張期血圧", "中性脂肪",
            "HDLコレステロール", "LDLコレステロール", "空腹時血糖", "HbA1c", "保健指導レベル");

    private static final long STREAM_TRAITS = 0x100;
    private static final long STREAM_RESULTS = 0x1000;

    private static final double[] EXAM_MONTH_WEIGHTS = {0.5, 2, 10, 12, 9, 12, 16, 15, 10, 8, 4.5, 1};

    private static final String[] INSTITUTIONS = new String[24];

    static {
        for (int k = 0; k < INSTITUTIONS.length; k++) {
            INSTITUTIONS[k] = Long.toString(1311000017L + k * 4021L);
        }
    }

    private final SyntheticWardSpec spec;
    private final SyntheticPopulation population;

    public SyntheticWardGenerator(SyntheticWardSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.population = new SyntheticPopulation(spec.seed(), spec.fiscalYear());
    }

    public SyntheticWardSpec spec() {
        return spec;
    }

    /** members file (members.md), every column of members.md incl. the "kept: no" ones, header first, CRLF line ends */
    public void writeMembers(OutputStream out) throws IOException {
        CsvRowWriter csv = new CsvRowWriter(out, spec.encoding());
        csv.fields(MEMBER_COLUMNS);
        csv.endRow();
        for (long i = 0; i < spec.memberCount(); i++) {
            for (String value : population.person(i).memberFields) {
                csv.field(value);
            }
            csv.endRow();
        }
        csv.flush();
    }

    /**
     * checkup results CSV (checkup-results.md) of fiscal year {@code resultYear} for the same people: pass
     * fiscalYear-1 for last year's results, fiscalYear for this year's
     *
     * @throws IllegalArgumentException when {@code resultYear} is after the spec's fiscal year or before 2008
     */
    public void writeResults(int resultYear, OutputStream out) throws IOException {
        if (resultYear > spec.fiscalYear() || resultYear < 2008) {
            throw new IllegalArgumentException(
                    "resultYear must be 2008.." + spec.fiscalYear() + ": " + resultYear);
        }
        boolean currentYear = resultYear == spec.fiscalYear();
        String year = Integer.toString(resultYear);
        CsvRowWriter csv = new CsvRowWriter(out, spec.encoding());
        csv.fields(RESULT_COLUMNS);
        csv.endRow();
        for (long i = 0; i < spec.memberCount(); i++) {
            SyntheticPerson p = population.person(i);
            int age = SyntheticPopulation.ageAtFiscalYearEnd(p.birth, resultYear);
            if (age < 40 || age > 74) {
                continue;
            }
            SplitMix64 r = new SplitMix64(SplitMix64.seedFor(spec.seed(), i, STREAM_RESULTS + resultYear));
            if (!r.chance(SyntheticPopulation.attendanceProbability(p.habit))) {
                continue;
            }
            LocalDate exam = examDate(r, resultYear);
            if (!p.insuredOn(exam)) {
                continue;
            }
            csv.field(year).field(p.personNo).field(currentYear && p.ticket != null ? p.ticket : "")
                    .field(p.memberFields[5]).field(p.sex).field(SyntheticPopulation.yyyymmdd(exam))
                    .field(INSTITUTIONS[r.nextInt(INSTITUTIONS.length)]);
            SplitMix64 traits = new SplitMix64(SplitMix64.seedFor(spec.seed(), i, STREAM_TRAITS));
            writeItems(r, traits, p.sex == 1, age, csv);
            csv.endRow();
        }
        csv.flush();
    }

    private static LocalDate examDate(SplitMix64 r, int year) {
        int m = r.weighted(EXAM_MONTH_WEIGHTS, 100.0);
        int month = (m + 3) % 12 + 1;
        int calendarYear = m <= 8 ? year : year + 1;
        LocalDate first = LocalDate.of(calendarYear, month, 1);
        LocalDate d = first.plusDays(r.nextInt(first.lengthOfMonth()));
        if (month == 12 && d.getDayOfMonth() >= 29) {
            d = LocalDate.of(calendarYear, 12, 28);
        } else if (month == 1 && d.getDayOfMonth() <= 3) {
            d = LocalDate.of(calendarYear, 1, 4);
        }
        if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            boolean lastDay = month == 3 && d.getDayOfMonth() == 31 || month == 12 && d.getDayOfMonth() == 28;
            d = lastDay ? d.minusDays(1) : d.plusDays(1);
        }
        return d;
    }

    /**
     * Result items: each person has fixed body and risk traits (drawn from {@code b}, the same in every
     * year), on which the year's measurement ({@code r}) varies, so a person's height stays and their
     * values move a little from year to year.
     */
    private static void writeItems(SplitMix64 r, SplitMix64 b, boolean male, int age, CsvRowWriter csv) {
        int over40 = age - 40;
        // body size: height and weight in tenths, BMI from the written values
        boolean body = !r.chance(0.005);
        double heightMean = male ? 171.5 - 0.18 * over40 : 158.5 - 0.15 * over40;
        int heightT = tenths(clamp(heightMean + 5.8 * b.gaussian() + 0.3 * r.gaussian(), 145.0, 185.0));
        double bmiDrawn = clamp((male ? 23.8 : 22.2) + 3.2 * trait(b, r), 16.5, 38.0);
        double heightM = heightT / 1000.0;
        int weightT = tenths(bmiDrawn * heightM * heightM);
        int bmiT = tenths((weightT / 10.0) / (heightM * heightM));
        double bmi = bmiT / 10.0;
        boolean waistMeasured = !r.chance(0.02);
        int waistT = tenths(clamp(male ? 2.75 * bmi + 20 + 3.5 * trait(b, r) : 2.5 * bmi + 25 + 4 * trait(b, r), 55.0,
                140.0));
        // blood pressure
        boolean bp = !r.chance(0.005);
        int systolic = (int) Math.round(clamp(112 + 0.55 * over40 + 1.3 * (bmi - 22) + (male ? 4 : 0) + 13 * trait(b, r),
                85, 210));
        int diastolic = (int) Math.round(clamp(0.5 * systolic + 12 + 7 * trait(b, r), 45, Math.min(130, systolic - 15)));
        // lipids (triglycerides log-normal)
        boolean tgMeasured = !r.chance(0.015);
        boolean hdlMeasured = !r.chance(0.015);
        boolean ldlMeasured = !r.chance(0.03);
        double tgMedian = Math.max(40, (male ? 110 : 85) * (1 + 0.05 * (bmi - 22)));
        int tg = (int) Math.round(clamp(tgMedian * StrictMath.exp(0.5 * trait(b, r)), 25, 1000));
        int hdl = (int) Math.round(clamp((male ? 54 : 66) - 1.0 * (bmi - 22) + 13 * trait(b, r), 25, 130));
        int ldl = (int) Math.round(clamp(122 + (!male && age >= 50 ? 10 : 0) + 30 * trait(b, r), 40, 280));
        // glucose
        boolean fpgMeasured = !r.chance(0.40);
        boolean a1cMeasured = !r.chance(0.04);
        double a1c = 5.45 + 0.012 * over40 + 0.05 * (bmi - 22) + 0.3 * trait(b, r);
        boolean diabetic = b.chance(0.07);
        double rise = 0.8 + 1.5 * b.nextDouble();
        if (diabetic) {
            a1c += rise;
        }
        int a1cT = tenths(clamp(a1c, 4.8, 8.5));
        double a1cValue = a1cT / 10.0;
        double fpgValue = 92 + 20 * (a1cValue - 5.5) + (a1cValue > 6.0 ? 25 * (a1cValue - 6.0) : 0) + 7 * r.gaussian();
        int fpg = (int) Math.round(clamp(fpgValue, 70, 250));
        boolean medicated = b.nextDouble() < 0.20 + 0.006 * over40;
        // guidance level
        String level;
        if (r.chance(0.03)) {
            level = "";
        } else if (!body || !waistMeasured || !bp || !fpgMeasured && !a1cMeasured || !tgMeasured && !hdlMeasured) {
            level = "4";
        } else if (medicated) {
            level = "3";
        } else {
            int risks = 0;
            if (fpgMeasured && fpg >= 100 || a1cMeasured && a1cValue >= 5.6) {
                risks++;
            }
            if (tgMeasured && tg >= 150 || hdlMeasured && hdl < 40) {
                risks++;
            }
            if (systolic >= 130 || diastolic >= 85) {
                risks++;
            }
            int l;
            if (waistT >= (male ? 850 : 900)) {
                l = risks >= 2 ? 1 : risks == 1 ? 2 : 3;
            } else if (bmi >= 25.0) {
                l = risks >= 3 ? 1 : risks >= 1 ? 2 : 3;
            } else {
                l = 3;
            }
            if (l == 1 && age >= 65) {
                l = 2;
            }
            level = Integer.toString(l);
        }

        if (body) {
            csv.tenths(heightT).tenths(weightT).tenths(bmiT);
        } else {
            csv.field("").field("").field("");
        }
        csv.field(body && waistMeasured ? tenthsText(waistT) : "");
        if (bp) {
            csv.field(systolic).field(diastolic);
        } else {
            csv.field("").field("");
        }
        csv.field(tgMeasured ? Integer.toString(tg) : "");
        csv.field(hdlMeasured ? Integer.toString(hdl) : "");
        csv.field(ldlMeasured ? Integer.toString(ldl) : "");
        csv.field(fpgMeasured ? Integer.toString(fpg) : "");
        csv.field(a1cMeasured ? tenthsText(a1cT) : "");
        csv.field(level);
    }

    /** A standard normal trait of the person, moved a little by the year: 0.9 person + 0.44 year. */
    private static double trait(SplitMix64 person, SplitMix64 year) {
        return 0.9 * person.gaussian() + 0.436 * year.gaussian();
    }

    private static int tenths(double value) {
        return (int) Math.round(value * 10);
    }

    private static String tenthsText(int tenths) {
        return tenths / 10 + "." + tenths % 10;
    }

    private static double clamp(double value, double low, double high) {
        return value < low ? low : value > high ? high : value;
    }
}
