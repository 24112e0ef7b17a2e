# Reference values for the health yield and the per-segment effects of EffectAnalysisIT (issue 16), computed by R
# from the per-person table the test's fixture made (effect_analysis_people.csv: one line per target, no id),
# independently of the application. Run from the repository root:
#
#   Rscript src/test/resources/analysis/reference_values_yield_and_segments.R
#
# and paste the numbers into EffectAnalysisIT. Needs base R and metafor (Debian: r-cran-metafor). The Breslow-Day
# test with Tarone's correction is written out by hand (DescTools is not packaged for Debian); when DescTools is
# installed, its BreslowDayTest(correct = TRUE) is printed beside it as a check.
# Columns beyond those of reference_values_effect_analysis.R: attendedBefore (a result of an earlier fiscal year),
# variant (the postcard's message variant), and for attendees the result items waist, bmi, sbp, dbp, tg, hdl, fpg,
# hba1c and level (保健指導レベル 1-4, empty when not recorded).
options(digits = 17)
suppressPackageStartupMessages(library(metafor))
here <- "src/test/resources/analysis"
show <- function(name, value) cat(sprintf("%-48s %s\n", name, paste(format(value, digits = 17), collapse = " ")))
wilson <- function(name, x, n) show(name, c(x, n, x / n, prop.test(x, n, correct = FALSE)$conf.int))

p <- read.csv(file.path(here, "effect_analysis_people.csv"), colClasses = c(ageBand = "character",
  lastOutcome = "character", caseState = "character", arm = "character", variant = "character", level = "character"))
p$attended <- as.logical(p$attended)
p$attendedBefore <- as.logical(p$attendedBefore)
p$level[is.na(p$level)] <- ""
unit_call <- 150
calls <- sum(p$attempts)

# --- the MHLW stratification for attendees without a recorded level (questionnaire items not available) ---
ge <- function(v, t) !is.na(v) & v >= t
waistMet <- ifelse(p$sex == 1, ge(p$waist, 85), ge(p$waist, 90))
bmiMet <- !waistMet & ge(p$bmi, 25)
risks <- (ge(p$fpg, 100) | ge(p$hba1c, 5.6)) + (ge(p$tg, 150) | (!is.na(p$hdl) & p$hdl < 40)) + (ge(p$sbp, 130) | ge(p$dbp, 85))
p$riskFactors <- risks + (waistMet | bmiMet)
derived <- ifelse(is.na(p$waist) & is.na(p$bmi), "NOT_DERIVABLE",
  ifelse(waistMet, ifelse(risks >= 2, "ACTIVE", ifelse(risks == 1, "MOTIVATIONAL", "INFORMATION")),
  ifelse(bmiMet, ifelse(risks == 3, "ACTIVE", ifelse(risks >= 1, "MOTIVATIONAL", "INFORMATION")), "INFORMATION")))
derived[derived == "ACTIVE" & as.integer(substr(p$ageBand, 1, 2)) >= 65] <- "MOTIVATIONAL"
p$derived <- derived
p$needs <- p$attended & (p$level %in% c("1", "2") | (p$level == "" & p$derived %in% c("ACTIVE", "MOTIVATIONAL")))

cat("# health yield: levels of the attendees per arm\n")
for (a in c("NOTICE_ONLY", "NOTICE_AND_CALL", "HOLDOUT")) {
  k <- p[p$arm == a & p$attended, ]
  n <- nrow(k)
  for (l in c("1", "2", "3", "4", "")) wilson(sprintf("level[%s,%s]", a, if (l == "") "MISSING" else l), sum(k$level == l), n)
  m <- k[k$level == "", ]
  for (d in c("ACTIVE", "MOTIVATIONAL", "INFORMATION", "NOT_DERIVABLE")) wilson(sprintf("derived[%s,%s]", a, d), sum(m$derived == d), n)
  for (r in 0:4) wilson(sprintf("risks[%s,%d]", a, r), sum(m$riskFactors == r), n)
  wilson(sprintf("needs/targets[%s]", a), sum(p$needs[p$arm == a]), sum(p$arm == a))
  wilson(sprintf("needs/attendees[%s]", a), sum(k$needs), n)
}

cat("\n# people needing guidance found: call arm against the holdout\n")
call <- p[p$arm == "NOTICE_AND_CALL", ]; hold <- p[p$arm == "HOLDOUT", ]
t <- prop.test(c(sum(call$needs), sum(hold$needs)), c(nrow(call), nrow(hold)), correct = FALSE)
d <- unname(t$estimate[1] - t$estimate[2])
show("gain.diff", c(d, t$conf.int))
add <- c(d, t$conf.int) * nrow(call)
show("gain.additional", add)
show("gain.calls", calls)
show("gain.foundPer1000Calls", sum(call$needs) * 1000 / calls)
show("gain.additionalPer1000Calls", add * 1000 / calls)
cost <- calls * unit_call
show("gain.callCost", cost)
show("gain.costPerAdditional", c(cost / add[1], cost / add[3], if (add[2] > 0) cost / add[2] else NaN))

# --- Breslow-Day with Tarone's correction, written out (textbook; = DescTools::BreslowDayTest(correct = TRUE)) ---
breslow_day <- function(s) {
  s <- s[s$n1 > 0 & s$n2 > 0 & (s$x1 + s$x2) > 0 & (s$x1 + s$x2) < (s$n1 + s$n2), ]
  N <- s$n1 + s$n2; a <- s$x1; b <- s$n1 - s$x1; c <- s$x2; d <- s$n2 - s$x2
  psi <- sum(a * d / N) / sum(b * c / N)
  m1 <- a + c
  ea <- mapply(function(n1, n2, m1) {
    lo <- max(0, m1 - n2); hi <- min(n1, m1)
    r <- polyroot(c(-psi * n1 * m1, n2 - m1 + psi * (n1 + m1), 1 - psi))
    r <- Re(r[abs(Im(r)) < 1e-8]); r[r >= lo - 1e-9 & r <= hi + 1e-9][1]
  }, s$n1, s$n2, m1)
  v <- 1 / (1 / ea + 1 / (s$n1 - ea) + 1 / (m1 - ea) + 1 / (s$n2 - m1 + ea))
  stat <- sum((a - ea)^2 / v) - (sum(a) - sum(ea))^2 / sum(v)
  c(stat, nrow(s) - 1, pchisq(stat, nrow(s) - 1, lower.tail = FALSE))
}

segments <- function(prefix, code, order) {
  d <- p[p$arm %in% c("NOTICE_AND_CALL", "HOLDOUT"), ]
  d$code <- code(d)
  codes <- order(unique(d$code))
  s <- do.call(rbind, lapply(codes, function(cd) {
    k <- d[d$code == cd, ]; f <- k[k$arm == "NOTICE_AND_CALL", ]; g <- k[k$arm == "HOLDOUT", ]
    data.frame(code = cd, x1 = sum(f$attended), n1 = nrow(f), x2 = sum(g$attended), n2 = nrow(g))
  }))
  for (i in seq_len(nrow(s))) {
    show(sprintf("%s.counts[%s]", prefix, s$code[i]), c(s$x1[i], s$n1[i], s$x2[i], s$n2[i]))
    if (s$n1[i] > 0 && s$n2[i] > 0) {
      t <- prop.test(c(s$x1[i], s$x2[i]), c(s$n1[i], s$n2[i]), correct = FALSE)
      show(sprintf("%s.rd[%s]", prefix, s$code[i]), c(unname(t$estimate[1] - t$estimate[2]), t$conf.int))
    }
  }
  es <- escalc(measure = "RD", ai = s$x1, n1i = s$n1, ci = s$x2, n2i = s$n2, to = "none")  # no 1/2 added to zero cells: the same differences as prop.test
  keep <- s$n1 > 0 & s$n2 > 0 & es$vi > 0
  show(paste0(prefix, ".inModel"), s$code[keep])
  fe <- rma(yi = es$yi[keep], vi = es$vi[keep], method = "FE")
  show(paste0(prefix, ".FE"), c(fe$beta, fe$ci.lb, fe$ci.ub))
  show(paste0(prefix, ".Q"), c(fe$QE, fe$k - 1, fe$QEp))
  re <- rma(yi = es$yi[keep], vi = es$vi[keep], method = "DL")
  show(paste0(prefix, ".DL"), c(re$beta, re$ci.lb, re$ci.ub))
  show(paste0(prefix, ".tau2,I2"), c(re$tau2, re$I2))
  b <- blup(re)
  for (i in seq_along(b$pred)) show(sprintf("%s.blup[%s]", prefix, s$code[keep][i]), c(b$pred[i], b$pi.lb[i], b$pi.ub[i]))
  bd <- breslow_day(s)
  show(paste0(prefix, ".BD"), bd)
  if (requireNamespace("DescTools", quietly = TRUE)) {
    inf <- s[s$n1 > 0 & s$n2 > 0 & (s$x1 + s$x2) > 0 & (s$x1 + s$x2) < (s$n1 + s$n2), ]
    tab <- array(rbind(inf$x1, inf$x2, inf$n1 - inf$x1, inf$n2 - inf$x2), dim = c(2, 2, nrow(inf)))
    show(paste0(prefix, ".BD(DescTools)"), unname(DescTools::BreslowDayTest(tab, correct = TRUE)$statistic))
  }
  invisible(data.frame(code = s$code[keep], pred = b$pred, lb = b$pi.lb, ub = b$pi.ub, se = b$se))
}

cat("\n# effect by segment: call arm against the holdout\n")
shrunk <- segments("sexAge", function(d) paste0(d$sex, "|", d$ageBand), function(x) sort(x, method = "radix"))
segments("before", function(d) as.character(d$attendedBefore), function(x) sort(x, decreasing = TRUE, method = "radix"))
segments("variant", function(d) d$variant, function(x) sort(x, method = "radix"))

cat("\n# call cases as of the cut-off, from facts: an open case whose person attended counts as ATTENDED\n")
call$state <- ifelse(call$caseState == "OPEN" & call$attended, "ATTENDED", call$caseState)
for (s in sort(unique(call$state))) wilson(sprintf("state[%s]", s), sum(call$attended[call$state == s]), sum(call$state == s))

cat("\n# next year's call priority: BLUP / calls per person, strata in descending order within this year's calls\n")
phone <- p[p$arm != "NOTICE_ONLY", ]
phone$code <- paste0(phone$sex, "|", phone$ageBand)
pr <- do.call(rbind, lapply(seq_len(nrow(shrunk)), function(i) {
  k <- phone[phone$code == shrunk$code[i], ]; ca <- k[k$arm == "NOTICE_AND_CALL", ]
  cpp <- sum(ca$attempts) / nrow(ca)
  data.frame(code = shrunk$code[i], people = nrow(k), cpp = cpp, gain = shrunk$pred[i] / cpp, lb = shrunk$lb[i] / cpp,
             ub = shrunk$ub[i] / cpp, calls = cpp * nrow(k), expected = shrunk$pred[i] * nrow(k), se = shrunk$se[i],
             small = { h <- k[k$arm == "HOLDOUT", ]; v <- c(nrow(ca), sum(ca$attended), nrow(h), sum(h$attended)); any(v > 0 & v < 10) })
}))
pr <- pr[order(-pr$gain, pr$code, method = "radix"), ]
used <- 0; planned <- 0
pr$proposed <- FALSE
for (i in seq_len(nrow(pr))) if (pr$gain[i] > 0 && used + pr$calls[i] <= calls) { used <- used + pr$calls[i]; planned <- planned + pr$expected[i]; pr$proposed[i] <- TRUE }
for (i in seq_len(nrow(pr))) show(sprintf("priority[%d,%s]", i, pr$code[i]), c(pr$gain[i], pr$lb[i], pr$ub[i], pr$cpp[i], pr$people[i], pr$calls[i], pr$expected[i], as.integer(pr$proposed[i])))
show("priority.planned(calls,gain)", c(used, planned))
show("priority.everyone(calls,gain)", c(sum(pr$calls), sum(pr$expected)))

cat("\n# next year's call plan (CallPlan): strata of fewer than 10 people phoned first (no figures), then the ranking within the\n")
cat("# budget; expected gain = BLUP x people with [pi.lb, pi.ub] x people; totals with se = sqrt(sum((se x people)^2))\n")
plan <- function(budget, share) {
  call <- pr$small
  used <- sum(pr$calls[pr$small])
  for (i in seq_len(nrow(pr))) if (!pr$small[i] && pr$gain[i] > 0 && used + pr$calls[i] <= budget) { used <- used + pr$calls[i]; call[i] <- TRUE }
  tag <- sprintf("plan(%d,%g)", budget, share)
  show(paste0(tag, ".small"), pr$code[pr$small])
  show(paste0(tag, ".called"), pr$code[call & !pr$small])
  for (i in which(!pr$small)) show(sprintf("%s.gain[%s]", tag, pr$code[i]), c(pr$expected[i], pr$lb[i] * pr$cpp[i] * pr$people[i], pr$ub[i] * pr$cpp[i] * pr$people[i]))
  total <- function(w) { g <- sum(pr$expected[w]); h <- qnorm(0.975) * sqrt(sum((pr$se[w] * pr$people[w])^2)); c(g, g - h, g + h) }
  show(paste0(tag, ".planned(calls,gain,lb,ub)"), c(sum(pr$calls[call]), total(call)))
  show(paste0(tag, ".everyone(calls,gain,lb,ub)"), c(sum(pr$calls), total(rep(TRUE, nrow(pr)))))
  show(paste0(tag, ".withHoldout(calls,gain)"), c(sum(pr$calls[call]) * (1 - share), total(call)[1] * (1 - share)))
}
plan(calls, 0.1)
plan(600L, 0.25)
