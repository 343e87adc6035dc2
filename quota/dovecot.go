package quota

import (
	"strconv"
	"strings"
)

// ParseDovecot reads Dovecot 2.3 quota_rule values, applied in order to an
// unlimited Limits: "*:storage=100M" (KiB without a suffix),
// "*:bytes=104857600", "*:messages=1000", several limits in one rule
// separated by ':' ("*:bytes=1G:messages=1000"), suffixes b, k, M, G, T
// (optionally followed by B), percentages and relative values
// ("Trash:storage=+100M", "Trash:storage=10%"), and "Trash:ignore". Relative
// values and percentages in a "*" rule apply to the limit set by earlier
// rules; in a folder rule they apply to the default limit when a message is
// checked. Errors name the offending part (errors.Is ErrBadRule).
func ParseDovecot(rules ...string) (Limits, error) {
	return Limits{}.Apply(rules...)
}

// Apply returns l with the Dovecot quota_rule values applied in order, as a
// userdb quota_rule overrides the configured one. l is not modified.
func (l Limits) Apply(rules ...string) (Limits, error) {
	out := l
	out.Folders = append([]FolderRule(nil), l.Folders...)
	for _, rule := range rules {
		if err := out.apply(strings.TrimSpace(rule)); err != nil {
			return Limits{}, err
		}
	}
	return out, nil
}

func (l *Limits) apply(rule string) error {
	box, args, ok := strings.Cut(rule, ":")
	if !ok || box == "" {
		return &RuleError{Rule: rule, Part: rule, Reason: "want <mailbox>:<limit>, e.g. *:storage=100M"}
	}
	fr := FolderRule{Pattern: box}
	for arg := range strings.SplitSeq(args, ":") {
		if err := parseArg(rule, arg, &fr); err != nil {
			return err
		}
	}
	if box != "*" {
		l.Folders = append(l.Folders, fr)
		return nil
	}
	if fr.Ignore {
		return &RuleError{Rule: rule, Part: "ignore", Reason: "the default rule cannot be ignored"}
	}
	l.Bytes = fr.Bytes.resolve(l.Bytes)
	l.Messages = fr.Messages.resolve(l.Messages)
	return nil
}

func parseArg(rule, arg string, fr *FolderRule) error {
	key, val, hasVal := strings.Cut(strings.TrimSpace(arg), "=")
	var err error
	switch strings.ToLower(key) {
	case "ignore":
		if hasVal {
			return &RuleError{Rule: rule, Part: arg, Reason: "ignore takes no value"}
		}
		fr.Ignore = true
		return nil
	case "storage":
		fr.Bytes, err = parseAmount(val, 1024)
	case "bytes":
		fr.Bytes, err = parseAmount(val, 1)
	case "messages":
		fr.Messages, err = parseAmount(val, 0)
	case "backend":
		return &RuleError{Rule: rule, Part: arg, Reason: "backend rules are not supported"}
	default:
		return &RuleError{Rule: rule, Part: arg, Reason: "unknown limit; want storage=, bytes=, messages= or ignore"}
	}
	if err != nil {
		return &RuleError{Rule: rule, Part: arg, Reason: err.Error()}
	}
	return nil
}

type amountError string

func (e amountError) Error() string { return string(e) }

// parseAmount reads "100M", "+10%", "-5", "1000". unit is the multiplier of
// a bare number (1024 for storage=, 1 for bytes=); 0 means a count, which
// takes no size suffix.
func parseAmount(s string, unit int64) (Amount, error) {
	var a Amount
	if s == "" {
		return a, amountError("missing value")
	}
	neg := false
	switch s[0] {
	case '+':
		a.Relative, s = true, s[1:]
	case '-':
		a.Relative, neg, s = true, true, s[1:]
	}
	if p, ok := strings.CutSuffix(s, "%"); ok {
		a.Percent, s, unit = true, p, 1
	}
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 {
		return a, amountError("want a number")
	}
	n, err := strconv.ParseInt(s[:i], 10, 64)
	if err != nil {
		return a, amountError("number out of range")
	}
	mul, err := sizeSuffix(s[i:], unit)
	if err != nil {
		return a, err
	}
	if mul != 0 && n > (1<<63-1)/mul {
		return a, amountError("number out of range")
	}
	if mul != 0 {
		n *= mul
	}
	if neg {
		n = -n
	}
	a.Set, a.Value = true, n
	return a, nil
}

func sizeSuffix(suf string, unit int64) (int64, error) {
	if suf == "" {
		return unit, nil
	}
	if unit == 0 {
		return 0, amountError("a message count takes no size suffix")
	}
	s := strings.ToLower(suf)
	if len(s) == 2 && s[1] == 'b' && s[0] != 'b' {
		s = s[:1]
	}
	shift := strings.Index("bkmgt", s)
	if len(s) != 1 || shift < 0 {
		return 0, amountError("unknown size suffix " + strconv.Quote(suf) + "; want b, k, M, G or T")
	}
	return 1 << (10 * shift), nil
}
