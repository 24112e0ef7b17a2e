package jp.kenshin.outreach.analysis;

import java.util.Map;

/**
 * The specific health guidance level (保健指導レベル) of one attendee, as recorded in the result or, where the level
 * is missing, derived from the measured items by the MHLW stratification (標準的な健診・保健指導プログラム):
 * <ol>
 * <li>abdominal obesity: waist ≥ 85 cm (men) / ≥ 90 cm (women) — step (1); otherwise BMI ≥ 25 — step (2); otherwise
 * none (情報提供); neither waist nor BMI measured: not derivable;</li>
 * <li>additional risks: glucose (fasting glucose ≥ 100 mg/dl or HbA1c ≥ 5.6%), lipids (TG ≥ 150 mg/dl or HDL
 * &lt; 40 mg/dl), blood pressure (SBP ≥ 130 or DBP ≥ 85 mmHg); an item not measured counts as not met;</li>
 * <li>(1) with 2+ risks or (2) with 3 risks: 積極的支援; (1) with 1 or (2) with 1–2: 動機付け支援; 0 risks: 情報提供;
 * 積極的支援 becomes 動機付け支援 from 65 (the age band's lower bound).</li>
 * </ol>
 * The questionnaire items (smoking, medication for blood pressure, glucose or lipids) are not available to this
 * analysis: smoking can raise the risk count by one, and people on medication get 情報提供 instead. The risk-factor
 * count is obesity plus the three risks (0–4).
 */
public final class GuidanceLevel {

    public enum Level {
        ACTIVE("積極的支援"), MOTIVATIONAL("動機付け支援"), INFORMATION("情報提供"), UNDETERMINED("判定不能");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        boolean needsGuidance() {
            return this == ACTIVE || this == MOTIVATIONAL;
        }
    }

    /**
     * @param recorded the level recorded in the result; null when missing
     * @param derived the level derived from the items when none is recorded; null when recorded or not derivable
     * @param riskFactors obesity + glucose + lipids + blood pressure met (0–4), when no level is recorded; −1 otherwise
     */
    public record Classified(Level recorded, Level derived, int riskFactors) {

        /** Needs guidance (積極的支援 or 動機付け支援), recorded or derived. */
        public boolean needsGuidance() {
            return recorded != null ? recorded.needsGuidance() : derived != null && derived.needsGuidance();
        }
    }

    private GuidanceLevel() {
    }

    public static Classified classify(Map<String, String> items, int sex, int ageBandStart) {
        Level recorded = switch (items.getOrDefault("保健指導レベル", "").strip()) {
            case "1" -> Level.ACTIVE;
            case "2" -> Level.MOTIVATIONAL;
            case "3" -> Level.INFORMATION;
            case "4" -> Level.UNDETERMINED;
            default -> null;
        };
        if (recorded != null) {
            return new Classified(recorded, null, -1);
        }
        Double waist = number(items, "腹囲");
        Double bmi = number(items, "BMI");
        boolean waistMet = waist != null && waist >= (sex == 1 ? 85 : 90);
        boolean bmiMet = !waistMet && bmi != null && bmi >= 25;
        int risks = (atLeast(items, "空腹時血糖", 100) || atLeast(items, "HbA1c", 5.6) ? 1 : 0)
                + (atLeast(items, "中性脂肪", 150) || below(items, "HDLコレステロール", 40) ? 1 : 0)
                + (atLeast(items, "収縮期血圧", 130) || atLeast(items, "拡張期血圧", 85) ? 1 : 0);
        int count = risks + (waistMet || bmiMet ? 1 : 0);
        Level derived;
        if (waist == null && bmi == null) {
            derived = null;
        } else if (waistMet) {
            derived = risks >= 2 ? Level.ACTIVE : risks == 1 ? Level.MOTIVATIONAL : Level.INFORMATION;
        } else if (bmiMet) {
            derived = risks == 3 ? Level.ACTIVE : risks >= 1 ? Level.MOTIVATIONAL : Level.INFORMATION;
        } else {
            derived = Level.INFORMATION;
        }
        if (derived == Level.ACTIVE && ageBandStart >= 65) {
            derived = Level.MOTIVATIONAL;
        }
        return new Classified(null, derived, count);
    }

    private static Double number(Map<String, String> items, String name) {
        String text = items.get(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean atLeast(Map<String, String> items, String name, double threshold) {
        Double v = number(items, name);
        return v != null && v >= threshold;
    }

    private static boolean below(Map<String, String> items, String name, double threshold) {
        Double v = number(items, name);
        return v != null && v < threshold;
    }
}
