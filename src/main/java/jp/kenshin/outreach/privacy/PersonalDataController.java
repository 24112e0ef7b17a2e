package jp.kenshin.outreach.privacy;

import java.util.List;
import jp.kenshin.outreach.security.SignedInUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The door over HTTP: the purpose's fields of some members, or 403 with the reason. Every call is audited. */
@RestController
@RequestMapping("/api/personal-data")
class PersonalDataController {

    /** Either memberIds, or a selection run (and optionally its group) whose targets are meant. */
    record ReadRequest(int fiscalYear, List<Long> memberIds, Long selectionRunId, String targetGroup, String taskId,
            String processInstanceId, String reason) {
    }

    private final PersonalDataService door;

    PersonalDataController(PersonalDataService door) {
        this.door = door;
    }

    @PostMapping("/{purpose}")
    List<PersonalDataService.PersonView> read(@PathVariable Purpose purpose, @RequestBody ReadRequest request,
            Authentication authentication) {
        List<Long> memberIds = request.selectionRunId() != null
                ? door.memberIds(new PersonalDataService.PersonQuery(request.selectionRunId(), request.targetGroup()))
                : request.memberIds();
        if (memberIds == null || memberIds.isEmpty() || memberIds.size() > 10_000) {
            throw new IllegalArgumentException("memberIds (or selectionRunId): 1 to 10,000 persons per call");
        }
        return door.read(SignedInUser.of(authentication), purpose, request.fiscalYear(), memberIds,
                new PersonalDataService.AccessContext(request.taskId(), request.processInstanceId(), request.reason()));
    }

    @ExceptionHandler(AccessRefusedException.class)
    ResponseEntity<java.util.Map<String, String>> refused(AccessRefusedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(java.util.Map.of("error", "Forbidden", "message", e.getMessage()));
    }
}
