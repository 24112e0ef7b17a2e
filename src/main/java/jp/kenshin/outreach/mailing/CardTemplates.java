package jp.kenshin.outreach.mailing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The postcard's texts per fiscal year and variant (table card_template), changed by staff per cycle;
 * until they are, the defaults of postcard-default-texts.properties apply.
 */
@Repository
public class CardTemplates {

    private final JdbcTemplate jdbc;
    private final Properties defaults;

    public CardTemplates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        Properties p = new Properties();
        try (var in = new InputStreamReader(getClass().getResourceAsStream("/postcard-default-texts.properties"),
                StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.defaults = p;
    }

    public CardTexts texts(int fiscalYear, String variant) {
        List<CardTexts> rows = jdbc.query("select * from card_template where fiscal_year = ? and variant = ?",
                (rs, n) -> new CardTexts(rs.getString("cover_heading"), rs.getString("greeting"), rs.getString("checkup_period"),
                        rs.getString("how_to_book"), rs.getString("booking_url"), rs.getString("why_it_matters"),
                        rs.getString("inquiry_desk"), rs.getString("privacy_note"), rs.getString("sender")),
                fiscalYear, variant);
        return rows.isEmpty() ? defaults(variant) : rows.get(0);
    }

    /** The default texts; a key may have a variant of its own (greeting.attended-before). */
    CardTexts defaults(String variant) {
        java.util.function.Function<String, String> text = key -> defaults.getProperty(key + "." + variant, defaults.getProperty(key));
        return new CardTexts(text.apply("coverHeading"), text.apply("greeting"), text.apply("checkupPeriod"),
                text.apply("howToBook"), text.apply("bookingUrl"), text.apply("whyItMatters"), text.apply("inquiryDesk"),
                text.apply("privacyNote"), text.apply("sender"));
    }

    /** The message variants a year's cards may take: the default, those with default texts of their own, those saved. */
    public java.util.Set<String> variants(int fiscalYear) {
        java.util.Set<String> variants = new java.util.TreeSet<>();
        variants.add("default");
        for (String key : defaults.stringPropertyNames()) {
            if (key.contains(".")) {
                variants.add(key.substring(key.indexOf('.') + 1));
            }
        }
        variants.addAll(jdbc.queryForList("select variant from card_template where fiscal_year = ?", String.class, fiscalYear));
        return variants;
    }

    public void save(int fiscalYear, String variant, CardTexts t, String by) {
        jdbc.update("""
                insert into card_template (fiscal_year, variant, cover_heading, greeting, checkup_period, how_to_book, booking_url,
                  why_it_matters, inquiry_desk, privacy_note, sender, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (fiscal_year, variant) do update set cover_heading = excluded.cover_heading,
                  greeting = excluded.greeting, checkup_period = excluded.checkup_period, how_to_book = excluded.how_to_book,
                  booking_url = excluded.booking_url, why_it_matters = excluded.why_it_matters,
                  inquiry_desk = excluded.inquiry_desk, privacy_note = excluded.privacy_note, sender = excluded.sender,
                  updated_by = excluded.updated_by, updated_at = now()""",
                fiscalYear, variant, t.coverHeading(), t.greeting(), t.checkupPeriod(), t.howToBook(), t.bookingUrl(),
                t.whyItMatters(), t.inquiryDesk(), t.privacyNote(), t.sender(), by);
    }
}
