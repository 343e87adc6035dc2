package filter_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// This file turns a Pigeonhole transcript (pigeonhole.txt, as written by
// the oracle harness) into the corpus' normalised result. It follows the
// rules of the corpus README: the stores are what the execute run really
// stored, redirects and rejects come from the dry run and must be confirmed
// by the execute run's log, and a vacation is listed only when the execute
// run sent the reply.

// transcriptSection is one "=== title ===" block of a transcript.
type transcriptSection struct {
	Title  string
	Cmd    string
	Status int
	Stdout string
	Stderr string
	Body   string
}

var (
	sectionTitle = regexp.MustCompile(`^=== (.*) ===$`)
	exitStatus   = regexp.MustCompile(`^--- exit status: (-?\d+)$`)
)

// parseTranscript splits a transcript into its sections.
func parseTranscript(text string) []transcriptSection {
	var out []transcriptSection
	var cur *transcriptSection
	part := ""
	var buf map[string][]string
	flush := func() {
		if cur != nil {
			cur.Stdout = strings.Join(buf["stdout"], "\n")
			cur.Stderr = strings.Join(buf["stderr"], "\n")
			cur.Body = strings.Join(buf["body"], "\n")
			out = append(out, *cur)
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if m := sectionTitle.FindStringSubmatch(line); m != nil && (cur == nil || part == "end") {
			flush()
			cur, part, buf = &transcriptSection{Title: m[1], Status: -1}, "body", map[string][]string{}
			continue
		}
		if cur == nil {
			continue
		}
		switch m := exitStatus.FindStringSubmatch(line); {
		case part == "body" && strings.HasPrefix(line, "$ ") && cur.Cmd == "" && len(buf["body"]) == 0:
			cur.Cmd = line[2:]
		case part == "body" && m != nil:
			fmt.Sscan(m[1], &cur.Status)
		case part == "body" && line == "--- stdout:":
			part = "stdout"
		case part == "stdout" && line == "--- stderr:":
			part = "stderr"
		case (part == "stderr" || part == "body") && line == "--- end":
			part = "end"
		case part != "end":
			buf[part] = append(buf[part], line)
		}
	}
	flush()
	return out
}

func sectionsTitled(secs []transcriptSection, prefix string) []transcriptSection {
	var out []transcriptSection
	for _, s := range secs {
		if strings.HasPrefix(s.Title, prefix) {
			out = append(out, s)
		}
	}
	return out
}

// normaliseTranscript converts a transcript into the corpus result.
func normaliseTranscript(text string) (oracleResult, error) {
	secs := parseTranscript(text)
	if len(sectionsTitled(secs, "sieve-test dry run")) > 0 {
		return convertSieveTest(secs)
	}
	if len(sectionsTitled(secs, "dovecot-lda delivery")) > 0 {
		return convertLDA(secs)
	}
	return oracleResult{}, fmt.Errorf("no known section in transcript")
}

// logLine is one "sieve: msgid=...: text" log line of Pigeonhole.
var logLine = regexp.MustCompile(`^(?:\w{3} +\d+ [\d:]+ )?(?:sieve-test|lda)\([^)]*\)(?:<[^>]*>)*: (\w+): sieve: msgid=(?:<[^>]*>|\S+): (.*)$`)

func sieveLog(stderr string) []string {
	var out []string
	for _, line := range strings.Split(stderr, "\n") {
		if m := logLine.FindStringSubmatch(line); m != nil {
			out = append(out, m[2])
		}
	}
	return out
}

var (
	vacationSent       = regexp.MustCompile(`^vacation action: sent vacation response to <(.*)>$`)
	vacationSuppressed = regexp.MustCompile(`^vacation action: (discarded |discarding |not sending |vacation action aborted)`)
	forwardedLog       = regexp.MustCompile(`^redirect action: forwarded to <(.*)>$`)
	storedLog          = regexp.MustCompile(`^(?:fileinto action: |keep action: )?stored mail into mailbox '(.*)'$`)
)

// vacationOutcome returns the reply recipient, or "" when the reply was
// suppressed.
func vacationOutcome(logs []string) (string, error) {
	var sent []string
	suppressed := 0
	for _, l := range logs {
		if m := vacationSent.FindStringSubmatch(l); m != nil {
			sent = append(sent, m[1])
		} else if vacationSuppressed.MatchString(l) {
			suppressed++
		}
	}
	if len(sent)+suppressed != 1 {
		return "", fmt.Errorf("cannot tell whether the vacation reply was sent: %q", logs)
	}
	if len(sent) == 1 {
		return sent[0], nil
	}
	return "", nil
}

// mailboxContents reads `doveadm fetch "mailbox flags" all`.
func mailboxContents(s transcriptSection) ([]oracleAction, error) {
	if s.Status != 0 {
		return nil, fmt.Errorf("doveadm fetch failed: %s", strings.TrimSpace(s.Stderr))
	}
	var out []oracleAction
	box := ""
	for _, line := range strings.Split(s.Stdout, "\n") {
		switch {
		case strings.HasPrefix(line, "mailbox: "):
			box = strings.TrimPrefix(line, "mailbox: ")
		case strings.HasPrefix(line, "flags:"):
			flags := slices.DeleteFunc(strings.Fields(line[len("flags:"):]),
				func(f string) bool { return f == `\Recent` })
			out = append(out, oracleAction{Type: "store", Mailbox: box, Flags: oracleFlags(flags)})
			box = ""
		}
	}
	return out, nil
}

// headerFields returns the unfolded header fields of a message.
func headerFields(msg string) [][2]string {
	var fields [][2]string
	for _, line := range strings.Split(strings.ReplaceAll(msg, "\r\n", "\n"), "\n") {
		if line == "" {
			break
		}
		if (line[0] == ' ' || line[0] == '\t') && len(fields) > 0 {
			fields[len(fields)-1][1] += " " + strings.TrimLeft(line, " \t")
		} else if name, value, ok := strings.Cut(line, ":"); ok {
			fields = append(fields, [2]string{strings.TrimSpace(name), strings.TrimPrefix(value, " ")})
		}
	}
	return fields
}

func headerValue(fields [][2]string, name string) (string, bool) {
	for _, f := range fields {
		if strings.EqualFold(f[0], name) {
			return f[1], true
		}
	}
	return "", false
}

// isVacationReply tells a vacation reply from a redirected copy.
func isVacationReply(fields [][2]string) bool {
	auto, _ := headerValue(fields, "Auto-Submitted")
	_, redirected := headerValue(fields, "X-Sieve-Redirected-From")
	return strings.HasPrefix(strings.ToLower(auto), "auto-replied (vacation)") && !redirected
}

// outgoingMessages splits sieve-test -e's stdout into the messages it
// "sent"; each starts with an X-Sieve header, the RECIPIENT markers come
// afterwards.
func outgoingMessages(stdout string) []string {
	var msgs [][]string
	in := false
	for _, line := range strings.Split(stdout, "\n") {
		switch {
		case strings.HasPrefix(line, "X-Sieve: Pigeonhole Sieve"):
			msgs, in = append(msgs, []string{line}), true
		case strings.HasPrefix(line, "RECIPIENT: "):
			in = false
		case in:
			msgs[len(msgs)-1] = append(msgs[len(msgs)-1], line)
		}
	}
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = strings.Join(m, "\n")
	}
	return out
}

func vacationSubject(msgs []string) (string, error) {
	var found []string
	for _, m := range msgs {
		h := headerFields(m)
		if !isVacationReply(h) {
			continue
		}
		subj, ok := headerValue(h, "Subject")
		if !ok {
			return "", fmt.Errorf("vacation reply has no Subject header")
		}
		found = append(found, decodeEncodedWords(subj))
	}
	if len(found) != 1 {
		return "", fmt.Errorf("expected exactly one vacation reply, found %d", len(found))
	}
	return found[0], nil
}

var rejectedText = regexp.MustCompile(`(?s)was automatically rejected:\n(.*?)\n--`)

// convertLDA converts a dovecot-lda delivery (used for the null sender).
func convertLDA(secs []transcriptSection) (oracleResult, error) {
	lda := sectionsTitled(secs, "dovecot-lda delivery")[0]
	logs := sieveLog(lda.Stderr)
	if hasCompileFailure(lda.Stderr, logs) {
		return oracleResult{Error: true, Actions: []oracleAction{}}, nil
	}
	if lda.Status != 0 {
		return oracleResult{}, fmt.Errorf("dovecot-lda failed with status %d", lda.Status)
	}
	dumps := sectionsTitled(secs, "doveadm mailbox contents after delivery")
	if len(dumps) != 1 {
		return oracleResult{}, fmt.Errorf("mailbox contents missing")
	}
	actions, err := mailboxContents(dumps[0])
	if err != nil {
		return oracleResult{}, err
	}
	var logged, boxes []string
	for _, l := range logs {
		if m := storedLog.FindStringSubmatch(l); m != nil {
			logged = append(logged, m[1])
		}
	}
	for _, a := range actions {
		boxes = append(boxes, a.Mailbox)
	}
	if fmt.Sprint(sortedCopy(logged)) != fmt.Sprint(sortedCopy(boxes)) {
		return oracleResult{}, fmt.Errorf("LDA log says stored into %q, mailboxes hold %q", logged, boxes)
	}
	out, err := ldaOutgoing(secs, logs)
	if err != nil {
		return oracleResult{}, err
	}
	if hasPrefixed(logs, "reject action: not sending reject message") {
		return oracleResult{}, fmt.Errorf("reject without a bounce: reason not observable via LDA")
	}
	return oracleResult{Actions: append(actions, out...)}.normal(), nil
}

var compileFailure = regexp.MustCompile(`(?:Error|Info): sieve: .*(compile|validation failed)`)

func hasCompileFailure(stderr string, logs []string) bool {
	for _, l := range logs {
		if strings.Contains(strings.ToLower(l), "failed to compile") {
			return true
		}
	}
	return compileFailure.MatchString(stderr)
}

// ldaOutgoing classifies the messages dovecot-lda handed to sendmail.
func ldaOutgoing(secs []transcriptSection, logs []string) ([]oracleAction, error) {
	vacTo := ""
	if hasPrefixed(logs, "vacation action:") {
		var err error
		if vacTo, err = vacationOutcome(logs); err != nil {
			return nil, err
		}
	}
	var out []oracleAction
	for _, s := range sectionsTitled(secs, "dovecot-lda outgoing message") {
		first, msg, _ := strings.Cut(s.Body, "\n")
		args, ok := strings.CutPrefix(first, "SENDMAIL ARGS: ")
		_, rcpts, ok2 := strings.Cut(args, " -- ")
		if !ok || !ok2 {
			return nil, fmt.Errorf("bad capture: %q", first)
		}
		h := headerFields(msg)
		auto, _ := headerValue(h, "Auto-Submitted")
		switch {
		case isVacationReply(h):
			if vacTo == "" {
				return nil, fmt.Errorf("vacation reply captured but not logged as sent")
			}
			subj, _ := headerValue(h, "Subject")
			subj = decodeEncodedWords(subj)
			out = append(out, oracleAction{Type: "vacation", To: vacTo, Subject: &subj})
		case strings.HasPrefix(strings.ToLower(auto), "auto-replied (rejected)"):
			m := rejectedText.FindStringSubmatch(msg)
			if m == nil {
				return nil, fmt.Errorf("rejection without a reason")
			}
			out = append(out, oracleAction{Type: "reject", Reason: m[1]})
		default:
			for _, r := range strings.Fields(rcpts) {
				out = append(out, oracleAction{Type: "redirect", To: r})
			}
		}
	}
	if vacTo != "" && !slices.ContainsFunc(out, func(a oracleAction) bool { return a.Type == "vacation" }) {
		return nil, fmt.Errorf("vacation reply logged as sent but not captured")
	}
	return out, nil
}
