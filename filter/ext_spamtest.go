package filter

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// ScoreHeader says where a spam or virus scanner left its verdict, for
// the spamtest, spamtestplus and virustest extensions (RFC 5235).
type ScoreHeader struct {
	// Header is the header field holding the score, e.g. "X-Spam-Score".
	// Empty means the message counts as not tested (the tests give "0").
	Header string
	// Pattern, if set, is a regular expression whose first group is the
	// score; without it the whole (trimmed) value is the score.
	Pattern string
	// Length counts the characters of the score instead of reading a
	// number, for headers like "X-Spam-Level: *****".
	Length bool
	// Max is the score at or above which the message is certainly spam
	// (or infected). Zero means 10.
	Max float64
}

// scoreTest is spamtest or virustest.
type scoreTest struct {
	cfg     ScoreHeader
	re      *regexp.Regexp
	virus   bool
	percent bool
}

func (c *compiler) scoreTest(u *unit, t parser.Test, name string) (interp.Test, error) {
	if !u.has(name) && !(name == "spamtest" && u.has("spamtestplus")) {
		return nil, scriptErr(u.file, t.Position, fmt.Sprintf("%s requires the %s extension", name, name))
	}
	ms, err := c.checkMatch(u, t)
	if err != nil {
		return nil, err
	}
	st := &scoreTest{cfg: c.opts.Spamtest, virus: name == "virustest"}
	if st.virus {
		st.cfg = c.opts.Virustest
	}
	args, percent := removeTag(cloneArgs(t.Args), "percent")
	if percent && (st.virus || !u.has("spamtestplus")) {
		return nil, scriptErr(u.file, t.Position, ":percent requires the spamtestplus extension")
	}
	st.percent = percent
	if st.cfg.Pattern != "" {
		if st.re, err = regexp.Compile(st.cfg.Pattern); err != nil {
			return nil, scriptErr(u.file, t.Position, fmt.Sprintf("%s: bad configured pattern: %v", name, err))
		}
	}
	if ms.comparator == "" {
		args = append([]parser.Arg{parser.TagArg{Value: "comparator", Position: t.Position},
			parser.StringArg{Value: "i;ascii-numeric", Position: t.Position}}, args...)
		ms.numeric = true
	}
	pos := positional(args)
	if len(pos) != 1 {
		return nil, scriptErr(u.file, t.Position, name+" needs one value argument")
	}
	return c.computed(u, t, args, pos, ms, st.values)
}

// values returns the test's single value: "0" when not tested, else the
// scaled score (1-10 for spamtest, 0-100 with :percent, 1-5 for virustest).
func (st *scoreTest) values(_ context.Context, d *interp.RuntimeData) ([]string, error) {
	score, ok := st.score(d)
	if !ok {
		return []string{"0"}, nil
	}
	max := st.cfg.Max
	if max <= 0 {
		max = 10
	}
	ratio := math.Min(math.Max(score/max, 0), 1)
	switch {
	case st.percent:
		return []string{strconv.Itoa(int(math.Round(ratio * 100)))}, nil
	case st.virus:
		return []string{strconv.Itoa(1 + int(math.Round(ratio*4)))}, nil
	}
	return []string{strconv.Itoa(1 + int(math.Round(ratio*9)))}, nil
}

func (st *scoreTest) score(d *interp.RuntimeData) (float64, bool) {
	if st.cfg.Header == "" {
		return 0, false
	}
	vals, err := d.Msg.HeaderGet(st.cfg.Header)
	if err != nil || len(vals) == 0 {
		return 0, false
	}
	v := strings.TrimSpace(vals[0])
	if st.re != nil {
		m := st.re.FindStringSubmatch(v)
		if len(m) < 2 {
			return 0, false
		}
		v = m[1]
	}
	if st.cfg.Length {
		return float64(utf8.RuneCountInString(v)), true
	}
	f, err := strconv.ParseFloat(v, 64)
	return f, err == nil
}
