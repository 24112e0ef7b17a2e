package jp.kenshin.outreach.mailing;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The postcard's texts of a cycle and message variant, for ward staff to read and change. */
@RestController
@RequestMapping("/api/card-templates/{fiscalYear}/{variant}")
class CardTemplateController {

    private final CardTemplates templates;

    CardTemplateController(CardTemplates templates) {
        this.templates = templates;
    }

    @GetMapping
    CardTexts texts(@PathVariable int fiscalYear, @PathVariable String variant) {
        return templates.texts(fiscalYear, variant);
    }

    @PutMapping
    CardTexts change(@PathVariable int fiscalYear, @PathVariable String variant, @RequestBody CardTexts texts,
            Authentication user) {
        if (texts.greeting() == null || texts.coverHeading() == null || texts.bookingUrl() == null) {
            throw new IllegalArgumentException("coverHeading, greeting and bookingUrl are required; send every text of the card");
        }
        templates.save(fiscalYear, variant, texts, user.getName());
        return templates.texts(fiscalYear, variant);
    }
}
