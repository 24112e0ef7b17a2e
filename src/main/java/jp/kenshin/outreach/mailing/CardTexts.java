package jp.kenshin.outreach.mailing;

/**
 * The texts of the notice postcard for one fiscal year and message variant. {name} and {year} in the
 * greeting (and {year} in the period) are filled in per card; nothing else is.
 */
public record CardTexts(String coverHeading, String greeting, String checkupPeriod, String howToBook, String bookingUrl,
        String whyItMatters, String inquiryDesk, String privacyNote, String sender) {
}
