package jp.kenshin.outreach.synthetic;

import java.time.LocalDate;
import jp.kenshin.outreach.synthetic.SyntheticPerson.Habit;
import jp.kenshin.outreach.synthetic.SyntheticPerson.Phone;
import jp.kenshin.outreach.synthetic.SyntheticTables.Name;
import jp.kenshin.outreach.synthetic.SyntheticTables.Town;

/**
 * Draws person {@code i} of a synthetic ward on its own, from {@code (seed, i)} only, so that the
 * members file and the results files agree without holding anybody in memory. The shares are
 * documented on {@link SyntheticWardGenerator}.
 */
final class SyntheticPopulation {

    static final long STREAM_PERSON = 0;

    static final long FIRST_PERSON_NO = 100_000_001L;

    // Age structure of NHI members (legal age at the end of the fiscal year), by band.
    private static final int[] BAND_LOW = {1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70};
    private static final int[] BAND_HIGH = {4, 9, 14, 19, 24, 29, 34, 39, 44, 49, 54, 59, 64, 69, 74};
    private static final double[] BAND_WEIGHTS = {2.0, 3, 3, 3.5, 5, 4.5, 4, 4, 4.5, 5, 5.5, 5.5, 10, 17, 23};
    private static final double BAND_TOTAL = sum(BAND_WEIGHTS);

    /** Ages next to the selection's edges, used for half of the birthday-edge people. */
    private static final int[] BOUNDARY_AGES = {39, 40, 64, 65, 69, 70, 74};

    static final double MALE_SHARE = 0.47;

    /** Checkup uptake by 5-year band of the age at the end of the fiscal year, 40-44 .. 70-74. */
    private static final double[] UPTAKE_BY_BAND = {0.205, 0.225, 0.265, 0.295, 0.355, 0.415, 0.455};
    static final double OCCASIONAL_SHARE = 0.20;
    static final double P_REGULAR = 0.90;
    static final double P_OCCASIONAL = 0.25;
    static final double P_NEVER = 0.02;

    private static final String[] AREA_CODES_3 = {"042", "044", "045", "047", "048"};
    private static final String[] MOBILE_PREFIXES = {"090", "090", "080", "070"};
    private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";

    private static final String[] ACQ_REASONS = {"01", "02", "04", "09"};
    private static final double[] ACQ_REASON_WEIGHTS = {0.45, 0.45, 0.03, 0.07};
    private static final String[] LOSS_REASONS = {"01", "02", "03", "04", "09"};
    private static final double[] LOSS_REASON_WEIGHTS = {0.45, 0.35, 0.06, 0.04, 0.10};
    private static final String[] CARD_TYPES = {"1", "2", "3", ""};
    private static final double[] CARD_TYPE_WEIGHTS = {0.70, 0.25, 0.03, 0.02};

    private final long seed;
    private final int fiscalYear;
    private final LocalDate fyStart;
    private final LocalDate fyEnd;
    private final LocalDate previousFyStart;
    private final String ticketYear;

    SyntheticPopulation(long seed, int fiscalYear) {
        this.seed = seed;
        this.fiscalYear = fiscalYear;
        this.fyStart = LocalDate.of(fiscalYear, 4, 1);
        this.fyEnd = LocalDate.of(fiscalYear + 1, 3, 31);
        this.previousFyStart = LocalDate.of(fiscalYear - 1, 4, 1);
        this.ticketYear = twoDigits(fiscalYear % 100);
    }

    long seed() {
        return seed;
    }

    /**
     * Age at the end of fiscal year {@code fy} (31 March of {@code fy + 1}) by the legal rule (年齢計算ニ関スル法律):
     * a birthday on 1 April counts as reached on 31 March, so people born on 1 April belong to the
     * older school-year cohort.
     */
    static int ageAtFiscalYearEnd(LocalDate birth, int fy) {
        int age = fy + 1 - birth.getYear();
        if (birth.getMonthValue() > 4 || birth.getMonthValue() == 4 && birth.getDayOfMonth() >= 2) {
            age--;
        }
        return age;
    }

    /** The chance that a person of this habit attends in a given year. */
    static double attendanceProbability(Habit habit) {
        return switch (habit) {
            case REGULAR -> P_REGULAR;
            case OCCASIONAL -> P_OCCASIONAL;
            case NEVER -> P_NEVER;
        };
    }

    SyntheticPerson person(long i) {
        SplitMix64 r = new SplitMix64(SplitMix64.seedFor(seed, i, STREAM_PERSON));
        String[] f = new String[SyntheticWardGenerator.MEMBER_COLUMNS.size()];

        int sex = r.chance(MALE_SHARE) ? 1 : 2;
        LocalDate birth = drawBirth(r, i);
        int age = ageAtFiscalYearEnd(birth, fiscalYear);

        // 整理番号, 国保記号番号
        long personNo = FIRST_PERSON_NO + i;
        String personNoText = Long.toString(personNo);
        double noise = r.nextDouble();
        if (noise < 0.005) {
            personNoText = fullWidthDigits(personNoText);
        } else if (noise < 0.010) {
            personNoText = "  " + personNoText;
        }
        f[0] = personNoText;
        long card = i + 1;
        f[1] = (12 + card / 10_000_000L) + "-" + pad(card % 10_000_000L, 7);

        // names
        Name family = i % 100 == 17 ? r.pick(SyntheticTables.CP932_ONLY_SURNAMES)
                : SyntheticTables.SURNAMES[skewed(r, SyntheticTables.SURNAMES.length)];
        Name given = givenName(r, sex, birth.getYear());
        boolean halfWidth = r.chance(0.10);
        String kana = halfWidth ? family.halfKana() + " " + given.halfKana() : family.kana() + " " + given.kana();
        String kanji = family.kanji() + " " + given.kanji();
        if (r.chance(0.01)) {
            kanji = kanji + "\u3000";
        }
        if (r.chance(0.01)) {
            kana = kana + "  ";
        }
        f[3] = kana;
        f[4] = kanji;
        f[5] = yyyymmdd(birth);
        f[6] = sex == 1 ? "1" : "2";

        // special address rule (facility outside the ward), students and others living away
        boolean facility = age >= 65 && r.chance(0.025);
        int away = 0;
        if (!facility) {
            if (age >= 18 && age <= 24 && r.chance(0.05)) {
                away = 1;
            } else if (r.chance(0.0015)) {
                away = 2;
            }
        }
        f[11] = facility ? "1" : r.chance(0.8) ? "0" : "";
        f[12] = away > 0 ? Integer.toString(away) : r.chance(0.8) ? "0" : "";

        // address
        Town town = facility ? r.pick(SyntheticTables.OTHER_TOWNS) : r.pick(SyntheticTables.WARD_TOWNS);
        String postal = town.postalCode();
        if (r.chance(0.30)) {
            postal = postal.substring(0, 3) + "-" + postal.substring(3);
        }
        if (r.chance(0.02)) {
            postal = fullWidthDigits(postal);
        }
        f[7] = postal;
        StringBuilder address = new StringBuilder(40);
        if (r.chance(0.95)) {
            address.append("東京都");
        }
        address.append(town.ward()).append(town.town());
        appendHouseNumber(r, town, address);
        if (r.chance(0.03)) {
            address.append(r.chance(0.5) ? "\u3000" : "\u3000\u3000");
        }
        f[8] = address.toString();
        f[9] = katagaki(r, i, facility);

        // phone
        double usableShare = age >= 40 ? 0.82 : 0.65;
        double u = r.nextDouble();
        Phone phoneKind;
        if (u < usableShare) {
            phoneKind = Phone.USABLE;
            f[10] = usablePhone(r);
        } else if (u < usableShare + 0.03) {
            phoneKind = Phone.MALFORMED;
            f[10] = malformedPhone(r);
        } else {
            phoneKind = Phone.NONE;
            f[10] = "";
        }

        // insurance period
        LocalDate acquired;
        String acqReason;
        if (r.chance(0.04)) {
            acquired = day(r, fyStart, fyEnd);
            acqReason = ACQ_REASONS[r.weighted(ACQ_REASON_WEIGHTS, 1.0)];
        } else if (age >= 62 && r.chance(0.6)) {
            acquired = birth.plusYears(60 + r.nextInt(6)).plusDays(r.nextInt(60));
            if (!acquired.isBefore(fyStart)) {
                acquired = fyStart.minusDays(1 + r.nextInt(365));
            }
            acqReason = "02";
        } else if (age < 20 && r.chance(0.5)) {
            acquired = birth;
            acqReason = "03";
        } else {
            LocalDate low = max(birth, fyStart.minusYears(30));
            LocalDate high = fyStart.minusDays(1);
            acquired = low.isAfter(high) ? birth : day(r, low, high);
            acqReason = ACQ_REASONS[r.weighted(ACQ_REASON_WEIGHTS, 1.0)];
        }
        LocalDate lost = null;
        String lossReason = "";
        if (r.chance(0.06)) {
            LocalDate low = max(acquired.plusDays(1), previousFyStart);
            if (!low.isAfter(fyEnd)) {
                lost = day(r, low, fyEnd);
                lossReason = LOSS_REASONS[r.weighted(LOSS_REASON_WEIGHTS, 1.0)];
            }
        }
        f[13] = yyyymmdd(acquired);
        f[14] = lost == null ? "" : yyyymmdd(lost);

        // this fiscal year's ticket: for those 40-74 insured at some time in the year
        boolean ticketAge = age >= 40 && age <= 74 && (lost == null || lost.isAfter(fyStart));
        String ticket = ticketAge && !r.chance(0.02) ? ticketNumber(i) : null;
        f[2] = ticket == null ? "" : ticket;

        // the columns the application drops ("kept: no")
        f[15] = CARD_TYPES[r.weighted(CARD_TYPE_WEIGHTS, 1.0)];
        f[16] = acqReason;
        f[17] = yyyymmdd(acquired.plusDays(r.nextInt(15)));
        f[18] = lossReason;
        f[19] = lost == null ? "" : yyyymmdd(lost.plusDays(r.nextInt(15)));
        f[20] = lost != null && r.chance(0.6) ? yyyymmdd(lost.plusDays(1 + r.nextInt(40))) : "";
        if (r.chance(0.06)) {
            f[21] = "11-" + digits(r, 7);
            f[23] = yyyymmdd(max(birth, acquired.minusDays(r.nextInt(3650))));
        } else {
            f[21] = "";
            f[23] = "";
        }
        f[22] = r.chance(0.15) ? r.between(1, 9) + digits(r, 7) : "";

        // checkup habit, fixed per person
        double uptake = UPTAKE_BY_BAND[Math.max(0, Math.min(6, (age - 40) / 5))];
        double regularShare = (uptake - OCCASIONAL_SHARE * P_OCCASIONAL - (1 - OCCASIONAL_SHARE) * P_NEVER)
                / (P_REGULAR - P_NEVER);
        double h = r.nextDouble();
        Habit habit = h < regularShare ? Habit.REGULAR : h < regularShare + OCCASIONAL_SHARE ? Habit.OCCASIONAL : Habit.NEVER;

        return new SyntheticPerson(i, personNo, birth, sex, age, acquired, lost, ticket, habit, phoneKind, f);
    }

    // ---- birth ------------------------------------------------------------------------------

    private LocalDate drawBirth(SplitMix64 r, long i) {
        int band = r.weighted(BAND_WEIGHTS, BAND_TOTAL);
        int age = r.between(BAND_LOW[band], BAND_HIGH[band]);
        int edge = (int) (i % 500);
        if (edge == 137 || edge == 274 || edge == 411) {
            if (r.chance(0.5)) {
                age = BOUNDARY_AGES[r.nextInt(BOUNDARY_AGES.length)];
            }
            if (edge == 137) {
                return LocalDate.of(fiscalYear + 1 - age, 4, 1);
            }
            if (edge == 274) {
                return LocalDate.of(fiscalYear - age, 4, 2);
            }
            return leapDayNear(age);
        }
        // the school-year cohort of that age: 2 April of (FY - age) .. 1 April of (FY + 1 - age)
        return day(r, LocalDate.of(fiscalYear - age, 4, 2), LocalDate.of(fiscalYear + 1 - age, 4, 1));
    }

    private LocalDate leapDayNear(int age) {
        for (int d = 0; d < 8; d++) {
            for (int a : new int[] {age + d, age - d}) {
                int year = fiscalYear + 1 - a;
                if (a >= 1 && a <= 74 && java.time.Year.isLeap(year)) {
                    return LocalDate.of(year, 2, 29);
                }
            }
        }
        throw new IllegalStateException("no leap year near age " + age);
    }

    // ---- names --------------------------------------------------------------------------------

    /** More weight on the first entries (density twice the uniform at the top of the list). */
    private static int skewed(SplitMix64 r, int n) {
        double u = r.nextDouble();
        return Math.min(n - 1, (int) (n * (0.5 * u + 0.5 * u * u)));
    }

    private static Name givenName(SplitMix64 r, int sex, int birthYear) {
        Name[] list = sex == 1 ? SyntheticTables.MALE_GIVEN : SyntheticTables.FEMALE_GIVEN;
        int n = list.length;
        int low;
        int high;
        if (birthYear < 1960) {
            low = 0;
            high = n * 45 / 100;
        } else if (birthYear < 1975) {
            low = n * 15 / 100;
            high = n * 65 / 100;
        } else if (birthYear < 1995) {
            low = n * 35 / 100;
            high = n * 85 / 100;
        } else {
            low = n * 60 / 100;
            high = n;
        }
        return list[r.between(low, high - 1)];
    }

    // ---- addresses ----------------------------------------------------------------------------

    private static void appendHouseNumber(SplitMix64 r, Town town, StringBuilder out) {
        int chome = r.between(1, town.maxChome());
        int ban = r.between(1, 30);
        int go = r.between(1, 25);
        double form = r.nextDouble();
        if (form < 0.45) {
            out.append(SyntheticTables.KANJI_NUMERALS[chome]).append("丁目").append(ban).append('番').append(go).append('号');
        } else if (form < 0.80) {
            out.append(chome).append('-').append(ban).append('-').append(go);
        } else if (form < 0.90) {
            out.append(SyntheticTables.KANJI_NUMERALS[chome]).append("丁目").append(ban).append('-').append(go);
        } else {
            out.append(fullWidthDigits(chome + "－" + ban + "－" + go));
        }
    }

    private static String katagaki(SplitMix64 r, long i, boolean facility) {
        String text;
        if (facility) {
            text = r.pick(SyntheticTables.FACILITY_KINDS) + r.pick(SyntheticTables.FACILITY_NAMES) + " " + room(r) + "号室";
        } else if (i % 50 == 23) {
            // characters that exist in CP932 but not in Shift_JIS
            String name = r.pick(SyntheticTables.BUILDING_NAMES);
            String circled = r.pick(SyntheticTables.CIRCLED);
            text = switch (r.nextInt(4)) {
                case 0 -> "㈱" + SyntheticTables.SURNAMES[r.nextInt(SyntheticTables.SURNAMES.length)].kanji() + "商事 寮" + circled;
                case 1 -> "メゾン～" + name + "～" + room(r);
                case 2 -> "第" + circled + name + "ビル " + room(r) + "号室";
                default -> name + "ハイツ" + circled + " " + room(r);
            };
        } else if (i % 1000 == 777) {
            // fields that need RFC 4180 quoting
            String name = r.pick(SyntheticTables.BUILDING_NAMES);
            text = r.chance(0.5) ? "コーポ" + name + " 2階," + room(r) + "号室" : "ハイツ\"" + name + "\" " + room(r);
        } else if (r.chance(0.38)) {
            if (r.chance(0.12)) {
                text = SyntheticTables.SURNAMES[skewed(r, SyntheticTables.SURNAMES.length)].kanji() + "方";
            } else {
                String prefix = r.pick(SyntheticTables.BUILDING_PREFIXES);
                String suffix = r.pick(SyntheticTables.BUILDING_SUFFIXES);
                if (prefix.isEmpty() && suffix.isEmpty()) {
                    suffix = "荘";
                }
                String[] roomSuffixes = {"", "号室", "号"};
                text = prefix + r.pick(SyntheticTables.BUILDING_NAMES) + suffix + (r.chance(0.6) ? " " : "") + room(r)
                        + r.pick(roomSuffixes);
            }
        } else {
            return "";
        }
        if (r.chance(0.01)) {
            text = r.chance(0.5) ? "\u3000" + text : text + "\u3000";
        }
        return text;
    }

    private static int room(SplitMix64 r) {
        int floor = 1 + r.nextInt(r.chance(0.8) ? 4 : 12);
        return floor * 100 + r.between(1, 12);
    }

    // ---- phone numbers ------------------------------------------------------------------------

    private static String usablePhone(SplitMix64 r) {
        String a;
        String b;
        String c;
        double kind = r.nextDouble();
        if (kind < 0.50) {
            a = "03";
            b = r.between(3, 6) + digits(r, 3);
        } else if (kind < 0.60) {
            a = r.pick(AREA_CODES_3);
            b = r.between(2, 9) + digits(r, 2);
        } else if (kind < 0.98) {
            a = r.pick(MOBILE_PREFIXES);
            b = r.between(1, 9) + digits(r, 3);
        } else {
            a = "050";
            b = r.between(1, 9) + digits(r, 3);
        }
        c = digits(r, 4);
        double form = r.nextDouble();
        String text;
        if (form < 0.45) {
            text = a + "-" + b + "-" + c;
        } else if (form < 0.70) {
            text = a + b + c;
        } else if (form < 0.82) {
            text = a + "(" + b + ")" + c;
        } else if (form < 0.92) {
            text = fullWidthDigits(a + "（" + b + "）" + c);
        } else {
            text = fullWidthDigits(a + "－" + b + "－" + c);
        }
        if (r.chance(0.01)) {
            text = text + "\u3000";
        }
        return text;
    }

    private static String malformedPhone(SplitMix64 r) {
        return switch (r.nextInt(4)) {
            case 0 -> "03-" + r.between(3, 6) + digits(r, 3) + "-" + digits(r, 3); // too few digits
            case 1 -> r.pick(MOBILE_PREFIXES) + "-" + r.between(1, 9) + digits(r, 3) + "-" + digits(r, 5); // too many
            case 2 -> "03-" + r.between(3, 6) + digits(r, 1) + LETTERS.charAt(r.nextInt(LETTERS.length()))
                    + LETTERS.charAt(r.nextInt(LETTERS.length())) + "-" + digits(r, 4); // letters
            default -> r.between(3, 6) + digits(r, 3) + digits(r, 4); // 9 digits, leading 0 missing
        };
    }

    // ---- numbers and dates --------------------------------------------------------------------

    private String ticketNumber(long i) {
        String body = ticketYear + (10_000_000L + i + 1);
        return body + luhn(body);
    }

    /** Luhn check digit of a digit string. */
    static char luhn(String digits) {
        int sum = 0;
        boolean twice = true;
        for (int k = digits.length() - 1; k >= 0; k--) {
            int d = digits.charAt(k) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    static String digits(SplitMix64 r, int n) {
        char[] out = new char[n];
        for (int k = 0; k < n; k++) {
            out[k] = (char) ('0' + r.nextInt(10));
        }
        return new String(out);
    }

    static String pad(long value, int width) {
        String s = Long.toString(value);
        if (s.length() >= width) {
            return s;
        }
        return "0".repeat(width - s.length()) + s;
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    static String fullWidthDigits(String text) {
        char[] out = text.toCharArray();
        for (int k = 0; k < out.length; k++) {
            if (out[k] >= '0' && out[k] <= '9') {
                out[k] = (char) (out[k] - '0' + '０');
            }
        }
        return new String(out);
    }

    static String yyyymmdd(LocalDate date) {
        int v = date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth();
        char[] out = new char[8];
        for (int k = 7; k >= 0; k--) {
            out[k] = (char) ('0' + v % 10);
            v /= 10;
        }
        return new String(out);
    }

    static LocalDate day(SplitMix64 r, LocalDate low, LocalDate high) {
        return LocalDate.ofEpochDay(r.between(low.toEpochDay(), high.toEpochDay()));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
