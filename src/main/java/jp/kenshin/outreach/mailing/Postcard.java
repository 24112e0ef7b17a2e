package jp.kenshin.outreach.mailing;

/**
 * One card to print: the NOTICE fields it needs (read through the door), the mailing id printed on it
 * (not the ward's person number) and the message variant.
 */
public record Postcard(String mailingId, String postalCode, String address, String addressDetail, String name,
        String ticketNumber, String variant) {
}
