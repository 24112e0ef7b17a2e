# Reference values for EffectAnalysisIT, computed by R's own functions from the per-person table the test's
# fixture made (effect_analysis_people.csv: one line per target of the frozen list, no id), independently of
# the application. Run from the repository root:
#
#   Rscript src/test/resources/analysis/reference_values_effect_analysis.R
#
# and paste the numbers into EffectAnalysisIT. Needs base R and the metafor package (MH risk difference).
# Columns: arm (NOTICE_ONLY, NOTICE_AND_CALL, HOLDOUT), sex (1, 2), ageBand, returnedCard, reached, attempts,
# lastOutcome, caseState, attended (exam date on or before the cut-off), day (days from the dispatch to the exam,
# exams before the dispatch at 0; empty when not attended).
options(digits = 17)
here <- "src/test/resources/analysis"
show <- function(name, value) cat(sprintf("%-40s %s\n", name, paste(format(value, digits = 17), collapse = " ")))

p <- read.csv(file.path(here, "effect_analysis_people.csv"), colClasses = c(ageBand = "character",
  lastOutcome = "character", caseState = "character", arm = "character"))
p$attended <- as.logical(p$attended)
p$reached <- as.logical(p$reached)
p$returnedCard <- as.logical(p$returnedCard)
p$call <- as.integer(p$arm == "NOTICE_AND_CALL")
cut_off_day <- as.integer(as.Date("2152-01-31") - as.Date("2151-06-10"))
unit_card <- 85
unit_call <- 150

wilson <- function(name, x, n) show(name, c(x, n, x / n, prop.test(x, n, correct = FALSE)$conf.int))

two <- function(prefix, a, b) {
  x1 <- sum(a$attended); n1 <- nrow(a); x2 <- sum(b$attended); n2 <- nrow(b)
  t <- prop.test(c(x1, x2), c(n1, n2), correct = FALSE)
  show(paste0(prefix, ".counts"), c(x1, n1, x2, n2))
  show(paste0(prefix, ".diff"), c(unname(t$estimate[1] - t$estimate[2]), t$conf.int))
  rr <- (x1 / n1) / (x2 / n2)
  show(paste0(prefix, ".ratio"), c(rr, exp(log(rr) + c(-1, 1) * qnorm(0.975) * sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2))))
  show(paste0(prefix, ".chi2"), c(unname(t$statistic), t$p.value))
  ct <- chisq.test(matrix(c(x1, x2, n1 - x1, n2 - x2), 2), correct = FALSE)
  stopifnot(isTRUE(all.equal(unname(ct$statistic), unname(t$statistic))))
  invisible(unname(t$estimate[1] - t$estimate[2]))
}

# strata sex x 5-year age band; first = group 1 (call arm), second = group 2
mh <- function(prefix, d, second) {
  keys <- unique(d[, c("sex", "ageBand")])
  s <- do.call(rbind, lapply(seq_len(nrow(keys)), function(i) {
    k <- d[d$sex == keys$sex[i] & d$ageBand == keys$ageBand[i], ]
    f <- k[k$arm == "NOTICE_AND_CALL", ]; g <- k[second(k), ]
    data.frame(x1 = sum(f$attended), n1 = nrow(f), x2 = sum(g$attended), n2 = nrow(g))
  }))
  s <- s[s$n1 > 0 & s$n2 > 0, ]
  tab <- array(rbind(s$x1, s$x2, s$n1 - s$x1, s$n2 - s$x2), dim = c(2, 2, nrow(s)))
  m <- mantelhaen.test(tab, correct = FALSE)
  show(paste0(prefix, ".OR"), c(unname(m$estimate), m$conf.int))
  show(paste0(prefix, ".chi2"), c(unname(m$statistic), m$p.value))
  rd <- metafor::rma.mh(ai = s$x1, n1i = s$n1, ci = s$x2, n2i = s$n2, measure = "RD", drop00 = FALSE)
  show(paste0(prefix, ".RD"), c(rd$beta, rd$ci.lb, rd$ci.ub))
}

callArm <- p[p$arm == "NOTICE_AND_CALL", ]
noticeGroup <- p[p$arm != "NOTICE_AND_CALL", ]
holdout <- p[p$arm == "HOLDOUT", ]
notHoldoutSecond <- function(k) k$arm != "NOTICE_AND_CALL"
holdoutSecond <- function(k) k$arm == "HOLDOUT"

cat("# arms\n")
for (a in c("NOTICE_ONLY", "NOTICE_AND_CALL", "HOLDOUT")) wilson(sprintf("arm[%s]", a), sum(p$attended[p$arm == a]), sum(p$arm == a))
wilson("noticeGroup", sum(noticeGroup$attended), nrow(noticeGroup))

cat("\n# crude: call arm against NOTICE_ONLY + HOLDOUT\n")
two("crude", callArm, noticeGroup)
cat("\n# stratified by sex x 5-year age band\n")
mh("mh", p, notHoldoutSecond)

cat("\n# logistic regression\n")
agg <- aggregate(cbind(n = 1, s = as.integer(attended)) ~ call + sex + ageBand, data = p, FUN = sum)
agg$female <- as.integer(agg$sex == 2)
agg$band <- factor(agg$ageBand)
fit <- glm(cbind(s, n - s) ~ call + female + band, family = binomial, data = agg)
show("glm.callOR", exp(c(coef(fit)["call"], confint.default(fit)["call", ])))
show("glm.coef", coef(fit))
show("glm.se", sqrt(diag(vcov(fit))))
show("glm.deviance", deviance(fit))
crude_fit <- glm(cbind(s, n - s) ~ call, family = binomial, data = aggregate(cbind(n = 1, s = as.integer(attended)) ~ call, data = p, FUN = sum))
show("crudeOR", exp(c(coef(crude_fit)["call"], confint.default(crude_fit)["call", ])))

cat("\n# randomised: call arm against the holdout (ITT)\n")
itt <- two("itt", callArm, holdout)
mh("ittMh", p, holdoutSecond)
share <- sum(callArm$reached) / nrow(callArm)
wilson("reachedShare", sum(callArm$reached), nrow(callArm))
t <- prop.test(c(sum(callArm$attended), sum(holdout$attended)), c(nrow(callArm), nrow(holdout)), correct = FALSE)
show("amongReached", c(itt / share, t$conf.int / share))

cat("\n# returned cards\n")
for (a in c("NOTICE_ONLY", "NOTICE_AND_CALL", "HOLDOUT")) show(sprintf("returned[%s]", a), sum(p$returnedCard[p$arm == a]))
d <- p[!p$returnedCard, ]
two("delivered", d[d$arm == "NOTICE_AND_CALL", ], d[d$arm != "NOTICE_AND_CALL", ])
mh("deliveredMh", d, notHoldoutSecond)

cat("\n# costs\n")
calls <- sum(p$attempts)
show("callsMade", calls)
for (a in c("NOTICE_ONLY", "NOTICE_AND_CALL", "HOLDOUT")) {
  k <- p[p$arm == a, ]
  total <- nrow(k) * unit_card + (if (a == "NOTICE_AND_CALL") calls * unit_call else 0)
  show(sprintf("cost[%s]", a), c(total, total / sum(k$attended)))
}
show("costPerAdditional", c(itt * nrow(callArm), calls * unit_call / (itt * nrow(callArm))))

cat("\n# cumulative uptake since dispatch (last day", cut_off_day, ")\n")
for (a in c("NOTICE_ONLY", "NOTICE_AND_CALL", "HOLDOUT")) {
  k <- p[p$arm == a, ]
  show(sprintf("curve[%s]@0,30,100,last", a), sapply(c(0, 30, 100, cut_off_day), function(day) sum(k$attended & k$day <= day, na.rm = TRUE) / nrow(k)))
}

cat("\n# within the call arm (descriptive)\n")
for (r in c(TRUE, FALSE)) wilson(sprintf("reached[%s]", r), sum(callArm$attended[callArm$reached == r]), sum(callArm$reached == r))
for (n in sort(unique(callArm$attempts))) wilson(sprintf("attempts[%d]", n), sum(callArm$attended[callArm$attempts == n]), sum(callArm$attempts == n))
for (o in sort(unique(callArm$lastOutcome))) wilson(sprintf("outcome[%s]", o), sum(callArm$attended[callArm$lastOutcome == o]), sum(callArm$lastOutcome == o))
for (s in sort(unique(callArm$caseState))) wilson(sprintf("state[%s]", s), sum(callArm$attended[callArm$caseState == s]), sum(callArm$caseState == s))
