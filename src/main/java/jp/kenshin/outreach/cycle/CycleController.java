package jp.kenshin.outreach.cycle;

import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Starts a fiscal year's cycle and tells where it stands. Its tasks are worked through /engine-rest. */
@RestController
@RequestMapping("/api/cycles")
class CycleController {

    private final CycleStarter starter;

    CycleController(CycleStarter starter) {
        this.starter = starter;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CycleStarter.CycleState start(@RequestBody CycleStarter.CycleStart start) {
        return starter.start(start);
    }

    @GetMapping("/{fiscalYear}")
    CycleStarter.CycleState state(@PathVariable int fiscalYear) {
        return starter.state(fiscalYear).orElseThrow(() -> new NoSuchElementException(fiscalYear + " 年度の事業（年間サイクル）はありません"));
    }
}
