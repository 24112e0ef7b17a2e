package jp.kenshin.outreach.web;

/**
 * A page the landing page ({@code /}) links, in the order of {@code order} (the webapps take 10, 20 and 30).
 * Declare one as a Spring bean to add a page, e.g. {@code new LandingLink(40, "dashboard", "年度の状況", "…")};
 * {@code path} is relative to the application's root.
 */
public record LandingLink(int order, String path, String title, String description) {
}
