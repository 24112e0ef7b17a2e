package jp.kenshin.outreach.dashboard;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The year's figures for the dashboard page (/dashboard.html): ward staff and auditors (SecurityConfiguration). */
@RestController
@RequestMapping("/api/dashboard")
class DashboardController {

    private final DashboardService dashboard;

    DashboardController(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping("/{fiscalYear}")
    ResponseEntity<YearDashboard> year(@PathVariable int fiscalYear) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(dashboard.of(fiscalYear));
    }
}
