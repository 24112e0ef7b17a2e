# The figures of reference_values.py, computed with R's own functions, as a second check.
# Run from the repository root:  Rscript src/test/resources/analysis/reference_values.R
# Needs base R; the MH risk difference also needs the metafor package (skipped without it).
options(digits = 17)
here <- "src/test/resources/analysis"
show <- function(name, value) cat(sprintf("%-48s %s\n", name, paste(format(value, digits = 17), collapse = " ")))
has_metafor <- requireNamespace("metafor", quietly = TRUE)

two <- function(prefix, x1, n1, x2, n2) {
  t <- prop.test(c(x1, x2), c(n1, n2), correct = FALSE)
  show(paste0(prefix, ".diff"), unname(t$estimate[1] - t$estimate[2]))
  show(paste0(prefix, ".diff_ci"), t$conf.int)
  rr <- (x1 / n1) / (x2 / n2)
  show(paste0(prefix, ".ratio_ci"), exp(log(rr) + c(-1, 1) * qnorm(0.975) * sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2)))
  show(paste0(prefix, ".chi2"), unname(t$statistic))
  show(paste0(prefix, ".p"), t$p.value)
  ct <- chisq.test(matrix(c(x1, x2, n1 - x1, n2 - x2), 2), correct = FALSE)
  stopifnot(isTRUE(all.equal(unname(ct$statistic), unname(t$statistic))))
}

# strata: data frame with x1, n1, x2, n2
mh <- function(prefix, s, correct = FALSE) {
  s <- s[s$n1 > 0 & s$n2 > 0, ]
  tab <- array(rbind(s$x1, s$x2, s$n1 - s$x1, s$n2 - s$x2), dim = c(2, 2, nrow(s)))
  m <- mantelhaen.test(tab, correct = correct)
  show(paste0(prefix, ".OR"), unname(m$estimate))
  show(paste0(prefix, ".OR_ci"), m$conf.int)
  show(paste0(prefix, ".chi2"), unname(m$statistic))
  show(paste0(prefix, ".p"), m$p.value)
  if (has_metafor) {
    rd <- metafor::rma.mh(ai = s$x1, n1i = s$n1, ci = s$x2, n2i = s$n2, measure = "RD", drop00 = FALSE)
    show(paste0(prefix, ".RD"), c(rd$beta, rd$ci.lb, rd$ci.ub))
  }
}

glm_show <- function(prefix, d) {
  fit <- glm(cbind(s, n - s) ~ call + female + band, family = binomial, data = d)
  show(paste0(prefix, ".deviance"), deviance(fit))
  show(paste0(prefix, ".coef"), coef(fit))
  show(paste0(prefix, ".se"), sqrt(diag(vcov(fit))))
  show(paste0(prefix, ".call_ci"), confint.default(fit)["call", ])
  show(paste0(prefix, ".call_OR_ci"), exp(c(coef(fit)["call"], confint.default(fit)["call", ])))
}

cat("# (a)\n")
for (xn in list(c(45, 120), c(0, 25), c(25, 25), c(1, 3))) show(sprintf("wilson(%d,%d)", xn[1], xn[2]), prop.test(xn[1], xn[2], correct = FALSE)$conf.int)
two("two(45,120,30,130)", 45, 120, 30, 130)
two("two(12,40,0,35)", 12, 40, 0, 35)

cat("\n# UCBAdmissions\n")
m <- mantelhaen.test(UCBAdmissions); show("ucb.correct.chi2", unname(m$statistic)); show("ucb.correct.p", m$p.value)
m <- mantelhaen.test(UCBAdmissions, correct = FALSE); show("ucb.uncorrected.chi2", unname(m$statistic)); show("ucb.uncorrected.p", m$p.value)
show("ucb.OR", unname(m$estimate)); show("ucb.OR_ci", m$conf.int)

cat("\n# (b)\n")
st <- read.csv(file.path(here, "stratified.csv"))
s <- data.frame(x1 = st$callAttended, n1 = st$callPeople, x2 = st$noticeAttended, n2 = st$noticePeople)
mh("strat.mh", s)
mh("strat.mhCorrect", s, correct = TRUE)
two("strat.crude", sum(s$x1), sum(s$n1), sum(s$x2), sum(s$n2))
d <- rbind(data.frame(call = 1, female = as.integer(st$sex == 2), band = st$ageBand, n = st$callPeople, s = st$callAttended),
           data.frame(call = 0, female = as.integer(st$sex == 2), band = st$ageBand, n = st$noticePeople, s = st$noticeAttended))
glm_show("strat.glm", d)

cat("\n# (c)\n")
cells <- read.csv(file.path(here, "holdout_cells.csv"))
cells$call <- as.integer(cells$arm == "NOTICE_AND_CALL")
cells$att <- ifelse(cells$attended == "true", cells$people, 0)
cells$delivered <- cells$returnedCard == "false"
strata <- function(cs, first, second) {
  keys <- unique(cs[, c("sex", "ageBand")])
  do.call(rbind, lapply(seq_len(nrow(keys)), function(i) {
    k <- cs[cs$sex == keys$sex[i] & cs$ageBand == keys$ageBand[i], ]
    f <- k[first(k), ]; g <- k[second(k), ]
    data.frame(x1 = sum(f$att), n1 = sum(f$people), x2 = sum(g$att), n2 = sum(g$people))
  }))
}
callArm <- function(k) k$arm == "NOTICE_AND_CALL"
noticeGroup <- function(k) k$arm != "NOTICE_AND_CALL"
holdoutArm <- function(k) k$arm == "HOLDOUT"
tot <- function(cs, f) c(sum(cs$att[f(cs)]), sum(cs$people[f(cs)]))
for (a in c("NOTICE_ONLY", "HOLDOUT", "NOTICE_AND_CALL")) {
  x <- tot(cells, function(k) k$arm == a); show(sprintf("e2e.arm[%s]", a), c(x, prop.test(x[1], x[2], correct = FALSE)$conf.int))
}
do.call(two, c(list("e2e.crude"), as.list(c(tot(cells, callArm), tot(cells, noticeGroup)))))
mh("e2e.mh", strata(cells, callArm, noticeGroup))
agg <- aggregate(cbind(n = people, s = att) ~ call + sex + ageBand, data = cells, FUN = sum)
agg$female <- as.integer(agg$sex == 2); agg$band <- agg$ageBand
glm_show("e2e.glm", agg)
do.call(two, c(list("e2e.itt"), as.list(c(tot(cells, callArm), tot(cells, holdoutArm)))))
mh("e2e.ittMh", strata(cells, callArm, holdoutArm))
dl <- cells[cells$delivered, ]
do.call(two, c(list("e2e.delivered.crude"), as.list(c(tot(dl, callArm), tot(dl, noticeGroup)))))
mh("e2e.delivered.mh", strata(dl, callArm, noticeGroup))

cat("\n# heterogeneity over strata (issue 16): Breslow-Day with Tarone's correction, written out (DescTools is not\n")
cat("# packaged for Debian; the formula is DescTools::BreslowDayTest's), and metafor's FE/DL fits with their BLUPs\n")
breslow_day <- function(s, tarone = TRUE) {
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
  stat <- sum((a - ea)^2 / v) - (if (tarone) (sum(a) - sum(ea))^2 / sum(v) else 0)
  c(stat, nrow(s) - 1, pchisq(stat, nrow(s) - 1, lower.tail = FALSE))
}
ucb <- data.frame(x1 = UCBAdmissions["Admitted", "Male", ], n1 = UCBAdmissions["Admitted", "Male", ] + UCBAdmissions["Admitted", "Female", ],
                  x2 = UCBAdmissions["Rejected", "Male", ], n2 = UCBAdmissions["Rejected", "Male", ] + UCBAdmissions["Rejected", "Female", ])
show("ucb.breslowDay.uncorrected", breslow_day(ucb, tarone = FALSE))
show("ucb.breslowDay.tarone", breslow_day(ucb))
show("strat.breslowDay.tarone", breslow_day(s))
if (has_metafor) {
  es <- metafor::escalc(measure = "RD", ai = s$x1, n1i = s$n1, ci = s$x2, n2i = s$n2, to = "none")  # no 1/2 added to zero cells: the same differences as prop.test
  fe <- metafor::rma(yi = es$yi, vi = es$vi, method = "FE")
  show("strat.rd.FE", c(fe$beta, fe$ci.lb, fe$ci.ub))
  show("strat.rd.Q", c(fe$QE, fe$QEp))
  re <- metafor::rma(yi = es$yi, vi = es$vi, method = "DL")
  show("strat.rd.DL", c(re$beta, re$ci.lb, re$ci.ub))
  show("strat.rd.DL.tau2_I2", c(re$tau2, re$I2))
  b <- metafor::blup(re)
  for (i in seq_along(b$pred)) show(sprintf("strat.rd.blup[%d]", i), c(b$pred[i], b$pi.lb[i], b$pi.ub[i]))
}
