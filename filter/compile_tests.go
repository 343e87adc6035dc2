package filter

import (
	"fmt"
	"strings"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// addressHeaders are the header fields the address test accepts, as listed
// by Pigeonhole 0.5 (lib-sieve/tst-address.c): RFC 5322's, the
// non-standard ones of RFC 2076, X-BeenThere and X-Original-To.
var addressHeaders = map[string]bool{
	"from": true, "to": true, "cc": true, "bcc": true, "sender": true,
	"resent-from": true, "resent-to": true, "reply-to": true, "resent-reply-to": true,
	"resent-sender": true, "resent-cc": true, "resent-bcc": true,
	"for-approval": true, "for-handling": true, "for-comment": true, "apparently-to": true,
	"errors-to": true, "delivered-to": true, "return-receipt-to": true, "x-admin": true,
	"read-receipt-to": true, "x-confirm-reading-to": true, "return-receipt-requested": true,
	"registered-mail-reply-requested-by": true, "mail-followup-to": true, "mail-reply-to": true,
	"abuse-reports-to": true, "x-complaints-to": true, "x-report-abuse-to": true,
	"x-beenthere": true, "x-original-to": true,
}

// constness is what is known of a test's result at compile time, as in
// Pigeonhole's validator: true and false, not, anyof and allof of known
// results, and a failing ihave.
type constness int

const (
	notConst   constness = -1
	constFalse constness = 0
	constTrue  constness = 1
)

// test loads a test and says whether its result is known already.
func (c *compiler) test(u *unit, t parser.Test) (interp.Test, constness, error) {
	name := strings.ToLower(t.Id)
	if err := c.decodeArgs(u, t.Args); err != nil {
		return nil, notConst, err
	}
	if err := checkArgs(u.file, t.Position, t.Args); err != nil {
		return nil, notConst, err
	}
	if err := checkArgTypes(u.file, t.Position, name, t.Args); err != nil {
		return nil, notConst, err
	}
	if err := checkFlagVariable(u, t.Position, name, t.Args); err != nil {
		return nil, notConst, err
	}
	t.Args = lowerComparator(t.Args)
	switch name {
	case "anyof", "allof", "not":
		return c.logical(u, t, name)
	case "true", "false":
		lt, err := c.plainTest(u, t)
		if name == "true" {
			return lt, constTrue, err
		}
		return lt, constFalse, err
	case "ihave":
		lt, err := c.ihave(u, t)
		if _, never := lt.(interp.FalseTest); never {
			return lt, constFalse, err
		}
		return lt, notConst, err
	}
	lt, err := c.leafTest(u, t, name)
	return lt, notConst, err
}

// leafTest loads a test that has no sub-tests.
func (c *compiler) leafTest(u *unit, t parser.Test, name string) (interp.Test, error) {
	switch name {
	case "exists", "size":
		return c.plainTest(u, t)
	case "body":
		return c.bodyTest(u, t)
	case "header", "address", "envelope", "string", "hasflag", "environment":
		return c.matchTest(u, t, name)
	case "mailboxexists":
		return c.mailboxExists(u, t)
	case "date", "currentdate":
		return c.dateTest(u, t, name)
	case "spamtest", "virustest":
		return c.scoreTest(u, t, name)
	case "duplicate":
		return c.duplicateTest(u, t)
	}
	return nil, scriptErr(u.file, t.Position, fmt.Sprintf("unknown test '%s'", t.Id))
}

// logical loads anyof, allof and not. Like Pigeonhole, anyof stops at a
// constantly true sub-test and allof at a constantly false one: the
// sub-tests after it are not validated.
func (c *compiler) logical(u *unit, t parser.Test, name string) (interp.Test, constness, error) {
	if len(t.Args) != 0 || len(t.Tests) == 0 || (name == "not" && len(t.Tests) != 1) {
		return nil, notConst, scriptErr(u.file, t.Position, name+" takes tests and no arguments")
	}
	if list := u.testLists[t.Position]; list != (name != "not") {
		if list {
			return nil, notConst, scriptErr(u.file, t.Position, "not takes one test, not a test list")
		}
		return nil, notConst, scriptErr(u.file, t.Position, name+" takes a test list, not a single test")
	}
	decisive := constTrue // the result that ends anyof
	if name == "allof" {
		decisive = constFalse
	}
	tests := make([]interp.Test, 0, len(t.Tests))
	known := constness(-2) // no sub-test yet
	for _, sub := range t.Tests {
		lt, k, err := c.test(u, sub)
		if err != nil {
			return nil, notConst, err
		}
		if name == "not" {
			return interp.NotTest{Test: lt}, invert(k), nil
		}
		if k == decisive {
			return constTest(k), k, nil
		}
		tests = append(tests, lt)
		if known != notConst {
			known = k
		}
	}
	if known != notConst {
		return constTest(known), known, nil
	}
	if name == "anyof" {
		return interp.AnyOfTest{Tests: tests}, notConst, nil
	}
	return interp.AllOfTest{Tests: tests}, notConst, nil
}

func invert(k constness) constness {
	if k == notConst {
		return k
	}
	return 1 - k
}

func constTest(k constness) interp.Test {
	if k == constTrue {
		return interp.TrueTest{}
	}
	return interp.FalseTest{}
}

func (c *compiler) plainTest(u *unit, t parser.Test) (interp.Test, error) {
	if len(t.Tests) != 0 {
		return nil, scriptErr(u.file, t.Position, t.Id+" takes no tests")
	}
	lt, err := interp.LoadTest(u.base, t)
	if err != nil {
		return nil, mapError(u.file, t.Position, err)
	}
	return lt, nil
}

// lowerComparator returns args with the value of :comparator in lower
// case: comparator names are case-insensitive (RFC 4790 section 3.1), but
// go-sieve knows them in lower case only. args is not modified.
func lowerComparator(args []parser.Arg) []parser.Arg {
	for i := 0; i+1 < len(args); i++ {
		tag, ok := args[i].(parser.TagArg)
		if !ok || !strings.EqualFold(tag.Value, "comparator") {
			continue
		}
		if s, ok := args[i+1].(parser.StringArg); ok {
			out := cloneArgs(args)
			out[i+1] = parser.StringArg{Value: strings.ToLower(s.Value), Position: s.Position}
			return out
		}
	}
	return args
}

// matchSpec is what checkMatch found in a test's arguments.
type matchSpec struct {
	comparator string // "" = default
	regex      bool
	matches    bool
	numeric    bool
}

// checkMatch checks comparator and match type, which go-sieve checks
// loosely.
func (c *compiler) checkMatch(u *unit, t parser.Test) (matchSpec, error) {
	var ms matchSpec
	if cmp, ok := tagString(t.Args, "comparator"); ok {
		cmp = strings.ToLower(cmp)
		if cmp != "i;octet" && cmp != "i;ascii-casemap" && !u.has("comparator-"+cmp) {
			return ms, scriptErr(u.file, t.Position, fmt.Sprintf("unknown comparator %q (missing require?)", cmp))
		}
		ms.comparator = cmp
		ms.numeric = cmp == "i;ascii-numeric"
	}
	matchTypes := 0
	substring := false
	for _, a := range t.Args {
		tag, ok := a.(parser.TagArg)
		if !ok {
			continue
		}
		switch strings.ToLower(tag.Value) {
		case "is", "value", "count":
			matchTypes++
		case "contains", "matches":
			matchTypes++
			substring = true
			ms.matches = strings.EqualFold(tag.Value, "matches")
		case "regex":
			matchTypes++
			substring = true
			ms.regex = true
		}
	}
	if matchTypes > 1 {
		return ms, scriptErr(u.file, t.Position, "only one match type may be given")
	}
	if ms.regex && !u.has("regex") {
		return ms, scriptErr(u.file, t.Position, ":regex requires the regex extension")
	}
	if ms.numeric && substring {
		return ms, scriptErr(u.file, t.Position, "comparator i;ascii-numeric does not support substring matching")
	}
	return ms, nil
}

// matchTest loads header, address, envelope, string, body, hasflag and
// environment, adding :regex and :index/:last.
func (c *compiler) matchTest(u *unit, t parser.Test, name string) (interp.Test, error) {
	if len(t.Tests) != 0 {
		return nil, scriptErr(u.file, t.Position, t.Id+" takes no tests")
	}
	if name == "hasflag" && !u.has("imap4flags") {
		return nil, scriptErr(u.file, t.Position, "hasflag requires the imap4flags extension")
	}
	ms, err := c.checkMatch(u, t)
	if err != nil {
		return nil, err
	}
	args := cloneArgs(t.Args)
	args, idx, err := c.indexArgs(u, t, args, name)
	if err != nil {
		return nil, err
	}
	if err := c.checkFields(u, t, args, name); err != nil {
		return nil, err
	}
	if name == "address" {
		return c.addressTest(u, t, args, ms, idx)
	}
	if _, isMime := removeTag(args, "mime"); isMime && name == "header" {
		return c.mimeHeaderTest(u, t, args, ms)
	}
	if _, count := tagString(args, "count"); count && (name == "header" || name == "envelope" || name == "string" || name == "hasflag") {
		return c.countTest(u, t, args, name, idx, ms.numeric)
	}
	if isNumericIs(args, ms) && (name == "header" || name == "envelope" || name == "string") {
		return c.numericIsTest(u, t, args, name, idx)
	}
	if ms.regex || (ms.matches && name != "hasflag" && name != "environment") {
		return c.regexTest(u, t, args, name, ms, idx)
	}
	if name == "envelope" && addressPartTag(args) == "detail" {
		return c.envelopeDetailTest(u, t, args, ms, idx)
	}
	t.Args = args
	inner, err := interp.LoadTest(u.base, t)
	if err != nil {
		return nil, mapError(u.file, t.Position, err)
	}
	if idx != nil {
		return viewTest{inner: inner, view: plainView, idx: idx}, nil
	}
	return inner, nil
}

// checkFields validates literal header names of address and envelope.
func (c *compiler) checkFields(u *unit, t parser.Test, args []parser.Arg, name string) error {
	if name != "address" && name != "envelope" {
		return nil
	}
	pos := positional(args)
	if len(pos) == 0 {
		return nil
	}
	fields, _ := stringsOf(pos[0])
	for _, f := range fields {
		if hasVariable(u, f) {
			continue
		}
		lf := strings.ToLower(f)
		if name == "address" && !addressHeaders[lf] {
			return scriptErr(u.file, t.Position, fmt.Sprintf("address test: %q is not an address header", f))
		}
		if name == "envelope" && lf != "from" && lf != "to" && lf != "auth" {
			return scriptErr(u.file, t.Position, fmt.Sprintf("envelope test: unknown envelope part %q", f))
		}
		if name == "envelope" && lf == "auth" && addressPartTag(args) != "all" {
			return scriptErr(u.file, t.Position, "envelope test: auth is not an address, it takes no address part")
		}
	}
	return nil
}

// addressPartTag returns the address part named by args, "all" if none.
func addressPartTag(args []parser.Arg) string {
	for _, a := range args {
		if tag, ok := a.(parser.TagArg); ok {
			switch p := strings.ToLower(tag.Value); p {
			case "localpart", "domain", "user", "detail":
				return p
			}
		}
	}
	return "all"
}

// positional returns the arguments that are neither tags nor tag values.
func positional(args []parser.Arg) []parser.Arg {
	var out []parser.Arg
	for i := 0; i < len(args); i++ {
		if tag, ok := args[i].(parser.TagArg); ok {
			if valueTags[strings.ToLower(tag.Value)] {
				i++
			}
			continue
		}
		out = append(out, args[i])
	}
	return out
}
