package filter

import (
	"context"
	"fmt"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// computedHeader is the private header name under which computed values
// are handed to go-sieve's matcher.
const computedHeader = "x-letterbox-computed"

var datePartNames = map[string]bool{
	"year": true, "month": true, "day": true, "date": true, "julian": true,
	"hour": true, "minute": true, "second": true, "time": true,
	"iso8601": true, "std11": true, "zone": true, "weekday": true,
}

var zoneRe = regexp.MustCompile(`^[+-][0-9]{4}$`)

// dateSpec is what date and currentdate (RFC 5260) compute.
type dateSpec struct {
	header   string // "" for currentdate
	part     string
	zone     string // "" = the local zone (that of Input.Now)
	original bool   // :originalzone
	idx      *indexSel
}

func (c *compiler) dateTest(u *unit, t parser.Test, name string) (interp.Test, error) {
	if !u.has("date") {
		return nil, scriptErr(u.file, t.Position, name+" requires the date extension")
	}
	if len(t.Tests) != 0 {
		return nil, scriptErr(u.file, t.Position, name+" takes no tests")
	}
	ms, err := c.checkMatch(u, t)
	if err != nil {
		return nil, err
	}
	args := cloneArgs(t.Args)
	ds := &dateSpec{}
	if args, ds.idx, err = c.indexArgs(u, t, args, "date"); err != nil {
		return nil, err
	}
	if name == "currentdate" && ds.idx != nil {
		return nil, scriptErr(u.file, t.Position, ":index is not allowed for currentdate")
	}
	if args, err = ds.zoneArgs(u, t, args, name); err != nil {
		return nil, err
	}
	pos := positional(args)
	want := 3
	if name == "currentdate" {
		want = 2
	}
	if len(pos) != want {
		return nil, scriptErr(u.file, t.Position, fmt.Sprintf("%s needs %d arguments", name, want))
	}
	if name == "date" {
		h, ok := pos[0].(parser.StringArg)
		if !ok {
			return nil, scriptErr(u.file, t.Position, "date: header name must be a string")
		}
		ds.header = h.Value
	}
	// Pigeonhole compiles unknown date parts; they never match.
	p, ok := pos[want-2].(parser.StringArg)
	if !ok {
		return nil, scriptErr(u.file, t.Position, name+": date part must be a string")
	}
	ds.part = p.Value
	return c.computed(u, t, args, pos, ms, ds.values)
}

// zoneArgs removes :zone/:originalzone from args and checks them.
func (ds *dateSpec) zoneArgs(u *unit, t parser.Test, args []parser.Arg, name string) ([]parser.Arg, error) {
	args, ds.original = removeTag(args, "originalzone")
	args, v, found := takeTag(args, "zone")
	if ds.original && (found || name == "currentdate") {
		return nil, scriptErr(u.file, t.Position, ":originalzone is not allowed here")
	}
	if found {
		// An invalid zone compiles (as in Pigeonhole) and makes the test fail.
		z, ok := v.(parser.StringArg)
		if !ok {
			return nil, scriptErr(u.file, t.Position, ":zone needs a string")
		}
		ds.zone = z.Value
	}
	return args, nil
}

// computed builds a test matching computed values: go-sieve's header test
// on a private header, or our regex matcher.
func (c *compiler) computed(u *unit, t parser.Test, args, pos []parser.Arg, ms matchSpec,
	values func(context.Context, *interp.RuntimeData) ([]string, error)) (interp.Test, error) {
	keys := pos[len(pos)-1]
	var matchArgs []parser.Arg
	for i := 0; i < len(args); i++ {
		if tag, ok := args[i].(parser.TagArg); ok {
			matchArgs = append(matchArgs, tag)
			if valueTags[strings.ToLower(tag.Value)] && i+1 < len(args) {
				matchArgs = append(matchArgs, args[i+1])
				i++
			}
		}
	}
	if rel, count := tagString(args, "count"); count {
		if err := checkRelational(u, "count", interp.Relational(rel)); err != nil {
			return nil, scriptErr(u.file, t.Position, err.Error())
		}
		kl, _ := stringsOf(keys)
		return &countTest{values: values, keys: kl, rel: interp.Relational(rel), numeric: ms.numeric}, nil
	}
	if ms.regex || ms.matches {
		kl, _ := stringsOf(keys)
		rt := &regexTest{values: values, keys: kl, fold: ms.comparator != "i;octet", wildcard: ms.matches}
		if err := rt.compile(u); err != nil {
			return nil, scriptErr(u.file, t.Position, err.Error())
		}
		return rt, nil
	}
	ht := parser.Test{Position: t.Position, Id: "header",
		Args: append(matchArgs, parser.StringArg{Value: computedHeader, Position: t.Position}, keys)}
	inner, err := interp.LoadTest(u.base, ht)
	if err != nil {
		return nil, mapError(u.file, t.Position, err)
	}
	return computedTest{inner: inner, values: values}, nil
}

// computedTest hands computed values to a go-sieve test as header values.
type computedTest struct {
	inner  interp.Test
	values func(context.Context, *interp.RuntimeData) ([]string, error)
}

type valuesMsg struct {
	interp.Message
	vals []string
}

// HeaderGet implements interp.Message.
func (v valuesMsg) HeaderGet(string) ([]string, error) { return v.vals, nil }

// Check implements interp.Test.
func (t computedTest) Check(ctx context.Context, d *interp.RuntimeData) (bool, error) {
	vals, err := t.values(ctx, d)
	if err != nil {
		return false, err
	}
	orig := d.Msg
	d.Msg = valuesMsg{Message: orig, vals: vals}
	defer func() { d.Msg = orig }()
	return t.inner.Check(ctx, d)
}

// values returns the date part of each date found.
func (ds *dateSpec) values(ctx context.Context, d *interp.RuntimeData) ([]string, error) {
	now := stateOf(ctx).in.Now
	part := strings.ToLower(expand(d, ds.part))
	if !datePartNames[part] {
		return nil, nil
	}
	loc := now.Location()
	if ds.zone != "" {
		z, err := parseZone(expand(d, ds.zone))
		if err != nil {
			return nil, nil
		}
		loc = z
	}
	if ds.header == "" {
		return []string{datePart(now.In(loc), part)}, nil
	}
	hv, err := d.Msg.HeaderGet(expand(d, ds.header))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, v := range ds.idx.pick(hv) {
		if i := strings.LastIndexByte(v, ';'); i >= 0 && strings.EqualFold(ds.header, "received") {
			v = v[i+1:]
		}
		t, err := mail.ParseDate(strings.TrimSpace(v))
		if err != nil {
			continue
		}
		if !ds.original {
			t = t.In(loc)
		}
		out = append(out, datePart(t, part))
	}
	return out, nil
}

func parseZone(z string) (*time.Location, error) {
	if !zoneRe.MatchString(z) {
		return nil, fmt.Errorf("bad zone %q", z)
	}
	h, _ := strconv.Atoi(z[1:3])
	m, _ := strconv.Atoi(z[3:5])
	off := h*3600 + m*60
	if z[0] == '-' {
		off = -off
	}
	return time.FixedZone(z, off), nil
}

// datePart formats one date part of RFC 5260 section 4.2.
func datePart(t time.Time, part string) string {
	switch part {
	case "year":
		return t.Format("2006")
	case "month":
		return t.Format("01")
	case "day":
		return t.Format("02")
	case "date":
		return t.Format("2006-01-02")
	case "julian":
		y, m, dd := t.Date()
		mjd := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Sub(time.Date(1858, 11, 17, 0, 0, 0, 0, time.UTC))
		return strconv.Itoa(int(mjd.Hours() / 24))
	case "hour":
		return t.Format("15")
	case "minute":
		return t.Format("04")
	case "second":
		return t.Format("05")
	case "time":
		return t.Format("15:04:05")
	case "iso8601":
		return t.Format("2006-01-02T15:04:05-07:00")
	case "std11":
		return t.Format("Mon, 02 Jan 2006 15:04:05 -0700")
	case "zone":
		return t.Format("-0700")
	case "weekday":
		return strconv.Itoa(int(t.Weekday()))
	}
	return ""
}
