package jp.kenshin.outreach.mailing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Whether the postcards of a year would print placeholders where the ward's name, address or numbers belong:
 * the settings of {@link WardProperties} the year's texts use, and placeholder values typed into the texts
 * themselves (〇〇区, 03-0000-0000). The proof shows a notice while there are any; its approval is refused.
 */
@Component
public class SenderCheck {

    /** The notice on every page of a card printed with placeholders. */
    public static final String NOTICE = "見本：差出人情報が未設定";

    private final WardProperties ward;
    private final CardTemplates templates;

    public SenderCheck(WardProperties ward, CardTemplates templates) {
        this.ward = ward;
        this.templates = templates;
    }

    /** The reasons (Japanese, naming the setting or the text) the year's cards are not ready to print; empty when ready. */
    public List<String> problems(int fiscalYear) {
        List<String> reasons = new ArrayList<>();
        for (String variant : templates.variants(fiscalYear)) {
            problems(templates.texts(fiscalYear, variant), reasons);
        }
        return reasons;
    }

    /** The reasons for one set of texts, added to the list (each reason once). */
    public List<String> problems(CardTexts texts, List<String> reasons) {
        for (String reason : ward.placeholdersUsedBy(texts.sender() + "\n" + texts.inquiryDesk())) {
            if (!reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("はがきの文面の差出人（sender）", texts.sender());
        typed.put("はがきの文面の問い合わせ先（inquiryDesk）", texts.inquiryDesk());
        for (Map.Entry<String, String> text : typed.entrySet()) {
            String withoutTokens = text.getValue() == null ? null : text.getValue().replaceAll("\\{[A-Za-z]+}", "");
            if (withoutTokens == null || WardProperties.isPlaceholder(withoutTokens)) {
                String reason = text.getKey() + "に仮の値（〇〇 や 0000）が残っています";
                if (!reasons.contains(reason)) {
                    reasons.add(reason);
                }
            }
        }
        return reasons;
    }
}
