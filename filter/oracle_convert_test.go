package filter_test

import (
	"fmt"
	"regexp"
	"strings"
)

// dryAction is one action listed by a sieve-test dry run.
type dryAction struct {
	Text    string
	Effects []string
}

var (
	dryActionLine = regexp.MustCompile(`^ \* (.*)$`)
	dryEffectLine = regexp.MustCompile(`^        \+ (.*)$`)
)

// skipVacationText returns the index of the "END MESSAGE" line that ends
// the reason of a vacation action starting at line i.
func skipVacationText(lines []string, i int) (int, error) {
	for i < len(lines) && lines[i] != "START MESSAGE" {
		i++
	}
	for j := i + 1; j < len(lines); j++ {
		if lines[j] != "END MESSAGE" {
			continue
		}
		next, next2 := lineAt(lines, j+1), lineAt(lines, j+2)
		if dryActionLine.MatchString(next) || (next == "" && next2 == "Implicit keep:") {
			return j, nil
		}
	}
	return 0, fmt.Errorf("unterminated vacation message in dry run")
}

func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return ""
}

// parseDryActions reads the "Performed actions" and "Implicit keep" lists.
func parseDryActions(stdout string) ([]dryAction, error) {
	lines := strings.Split(stdout, "\n")
	var out []dryAction
	listing := false
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case line == "Performed actions:" || line == "Implicit keep:":
			listing = true
		case !listing:
		case dryActionLine.MatchString(line):
			out = append(out, dryAction{Text: dryActionLine.FindStringSubmatch(line)[1]})
			if line == " * send vacation message:" {
				end, err := skipVacationText(lines, i+1)
				if err != nil {
					return nil, err
				}
				i = end
			}
		case dryEffectLine.MatchString(line):
			if len(out) == 0 {
				return nil, fmt.Errorf("side effect without action: %q", line)
			}
			out[len(out)-1].Effects = append(out[len(out)-1].Effects, dryEffectLine.FindStringSubmatch(line)[1])
		case strings.HasPrefix(line, "    => "):
		default:
			switch strings.TrimSpace(line) {
			case "", "(none)", "(none; keep or equivalent action executed earlier)":
			default:
				return nil, fmt.Errorf("unexpected dry-run line: %q", line)
			}
		}
	}
	if !listing {
		return nil, fmt.Errorf("no 'Performed actions:' in dry run output")
	}
	return out, nil
}

func dryStoreAction(a dryAction) (oracleAction, error) {
	box := "INBOX"
	if a.Text != "keep" {
		box = strings.TrimPrefix(a.Text, "store message in folder: ")
	}
	var flags []string
	for _, e := range a.Effects {
		switch {
		case strings.HasPrefix(e, "add IMAP flags:"):
			flags = append(flags, strings.Fields(strings.TrimPrefix(e, "add IMAP flags:"))...)
		case e == "preserve implicit keep", e == "create mailbox if it does not exist":
		default:
			return oracleAction{}, fmt.Errorf("unknown side effect: %q", e)
		}
	}
	return oracleAction{Type: "store", Mailbox: box, Flags: oracleFlags(flags)}, nil
}

// dryResult converts the dry run's actions; vacation reports whether a
// vacation action was listed.
func dryResult(acts []dryAction) (out []oracleAction, vacation bool, err error) {
	for _, a := range acts {
		t := a.Text
		switch {
		case strings.HasPrefix(t, "store message in folder: ") || t == "keep":
			s, err := dryStoreAction(a)
			if err != nil {
				return nil, false, err
			}
			out = append(out, s)
		case strings.HasPrefix(t, "redirect message to: "):
			to := strings.TrimPrefix(t, "redirect message to: ")
			if strings.HasPrefix(to, "<") && strings.HasSuffix(to, ">") {
				to = to[1 : len(to)-1]
			}
			out = append(out, oracleAction{Type: "redirect", To: to})
		case strings.HasPrefix(t, "reject message with reason: "):
			out = append(out, oracleAction{Type: "reject", Reason: strings.TrimPrefix(t, "reject message with reason: ")})
		case t == "discard":
		case t == "send vacation message:":
			if vacation {
				return nil, false, fmt.Errorf("two vacation actions")
			}
			vacation = true
		default:
			return nil, false, fmt.Errorf("unknown action in dry run: %q", t)
		}
	}
	return out, vacation, nil
}

// dryPlan reads what the dry run planned; failed reports a run-time error,
// after which Pigeonhole does the implicit keep only.
func dryPlan(dry transcriptSection) (planned []oracleAction, vacation, failed bool, err error) {
	switch {
	case strings.Contains(dry.Stderr, "final result: success"):
		acts, err := parseDryActions(dry.Stdout)
		if err != nil {
			return nil, false, false, err
		}
		planned, vacation, err = dryResult(acts)
		return planned, vacation, false, err
	case strings.Contains(dry.Stderr, "final result: failed; resolved with successful implicit keep"):
		return []oracleAction{{Type: "store", Mailbox: "INBOX"}}, false, true, nil
	}
	return nil, false, false, fmt.Errorf("dry run ended in an unknown state")
}

// convertSieveTest converts a dry run + execute run + mailbox dump.
func convertSieveTest(secs []transcriptSection) (oracleResult, error) {
	dry := sectionsTitled(secs, "sieve-test dry run")[0]
	if strings.Contains(dry.Stderr, "failed to compile sieve script") {
		return oracleResult{Error: true, Actions: []oracleAction{}}, nil
	}
	planned, vacation, failed, err := dryPlan(dry)
	if err != nil {
		return oracleResult{}, err
	}
	exs := sectionsTitled(secs, "sieve-test execute run")
	boxes := sectionsTitled(secs, "doveadm mailbox contents after execute run")
	if len(exs) != 1 || len(boxes) != 1 {
		return oracleResult{}, fmt.Errorf("execute run or its mailbox contents missing")
	}
	if !strings.Contains(exs[0].Stderr, "final result: success") && !failed {
		return oracleResult{}, fmt.Errorf("execute run did not succeed")
	}
	stores, err := mailboxContents(boxes[0])
	if err == nil {
		err = sameStores(planned, stores)
	}
	if err != nil {
		return oracleResult{}, err
	}
	logs := sieveLog(exs[0].Stderr)
	actions, err := confirmedActions(planned, logs)
	if err != nil {
		return oracleResult{}, err
	}
	actions = append(stores, actions...)
	vac, err := sentVacation(vacation, logs, exs[0].Stdout)
	if err != nil {
		return oracleResult{}, err
	}
	return oracleResult{Actions: append(actions, vac...)}.normal(), nil
}

// sentVacation returns the vacation reply the execute run sent, if any;
// listed tells whether the dry run had a vacation action.
func sentVacation(listed bool, logs []string, stdout string) ([]oracleAction, error) {
	if !listed {
		if hasPrefixed(logs, "vacation action:") {
			return nil, fmt.Errorf("execute run has a vacation action, dry run has none")
		}
		return nil, nil
	}
	to, err := vacationOutcome(logs)
	if err != nil || to == "" {
		return nil, err
	}
	subject, err := vacationSubject(outgoingMessages(stdout))
	if err != nil {
		return nil, err
	}
	return []oracleAction{{Type: "vacation", To: to, Subject: &subject}}, nil
}

func hasPrefixed(lines []string, prefix string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

// sameStores checks that the execute run stored what the dry run planned,
// an implicit keep equal to an explicit store counted once.
func sameStores(planned, stored []oracleAction) error {
	merged := map[string]string{}
	for _, a := range planned {
		if a.Type != "store" {
			continue
		}
		flags := strings.Join(a.Flags, " ")
		if prev, ok := merged[a.Mailbox]; ok && prev != flags {
			return fmt.Errorf("dry run stores twice into %q with different flags", a.Mailbox)
		}
		merged[a.Mailbox] = flags
	}
	got := map[string]string{}
	for _, a := range stored {
		if _, dup := got[a.Mailbox]; dup {
			return fmt.Errorf("execute run stored twice into %q", a.Mailbox)
		}
		got[a.Mailbox] = strings.Join(a.Flags, " ")
	}
	if fmt.Sprint(merged) != fmt.Sprint(got) {
		return fmt.Errorf("execute run stored %v, dry run said %v", got, merged)
	}
	return nil
}

// confirmedActions returns the planned redirects and rejects, checked
// against the execute run's log.
func confirmedActions(planned []oracleAction, logs []string) ([]oracleAction, error) {
	var out []oracleAction
	var want, fwd []string
	rejects, rejLog := 0, 0
	for _, a := range planned {
		switch a.Type {
		case "redirect":
			out, want = append(out, a), append(want, a.To)
		case "reject":
			out, rejects = append(out, a), rejects+1
		}
	}
	for _, l := range logs {
		if m := forwardedLog.FindStringSubmatch(l); m != nil {
			fwd = append(fwd, m[1])
		} else if strings.HasPrefix(l, "reject action: ") {
			rejLog++
		}
	}
	if fmt.Sprint(sortedCopy(want)) != fmt.Sprint(sortedCopy(fwd)) {
		return nil, fmt.Errorf("execute run forwarded to %q, dry run said %q", fwd, want)
	}
	if rejects != rejLog {
		return nil, fmt.Errorf("execute run rejected %d times, dry run %d times", rejLog, rejects)
	}
	return out, nil
}
