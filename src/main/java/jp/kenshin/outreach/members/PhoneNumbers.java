package jp.kenshin.outreach.members;

import java.text.Normalizer;
import java.util.List;
import java.util.Optional;

/**
 * Phone numbers as recorded (hyphens, brackets, full-width digits) normalised to digits only, and
 * whether they can be called: 10 digits for a landline (leading 0, but not 0X0), 11 digits for
 * mobile and IP phones (070, 080, 090, 050). A 9-digit number is a landline missing its 0 only
 * under the ward's area code rule.
 */
public final class PhoneNumbers {

    private final List<String> missingZeroAreaCodes;

    public PhoneNumbers(List<String> missingZeroAreaCodes) {
        this.missingZeroAreaCodes = List.copyOf(missingZeroAreaCodes);
    }

    /** The callable number in digits, or empty when there is none or it is unusable. */
    public Optional<String> callable(String recorded) {
        if (recorded == null || recorded.isBlank()) {
            return Optional.empty();
        }
        String text = Normalizer.normalize(recorded.strip(), Normalizer.Form.NFKC);
        StringBuilder digits = new StringBuilder(12);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (!isSeparator(c)) {
                return Optional.empty(); // letters or other marks: not a phone number
            }
        }
        String number = digits.toString();
        if (number.length() == 9 && number.charAt(0) != '0'
                && missingZeroAreaCodes.stream().anyMatch(number::startsWith)) {
            number = "0" + number;
        }
        return isCallable(number) ? Optional.of(number) : Optional.empty();
    }

    static boolean isCallable(String digits) {
        if (digits.length() == 10) {
            return digits.charAt(0) == '0' && digits.charAt(2) != '0';
        }
        if (digits.length() == 11) {
            return digits.startsWith("070") || digits.startsWith("080") || digits.startsWith("090")
                    || digits.startsWith("050");
        }
        return false;
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '(' || c == ')' || c == ' ' || c == '\u2010' || c == '\u2011' || c == '\u2012'
                || c == '\u2013' || c == '\u2014' || c == '\u2015' || c == '\u2212' || c == '\u30FC' || c == '\uFF70';
    }
}
