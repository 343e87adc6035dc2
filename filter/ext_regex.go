package filter

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
	"rsc.io/binaryregexp"
)

// regexTest is any test using the :regex match type (the regex draft as
// Pigeonhole implements it: POSIX extended regular expressions as glibc
// reads them, see compileERE), or :matches (RFC 5228 section 2.7.1) on
// header, address, envelope, string and date values.
// On a match, ${0} is the whole match and ${1}... the groups (for
// :matches, one per wildcard). go-sieve compiles :matches patterns into
// byte patterns in which a non-ASCII character never matches, hence our
// own matcher.
type regexTest struct {
	values   func(ctx context.Context, d *interp.RuntimeData) ([]string, error)
	keys     []string
	res      []submatcher // nil where the key has variables
	fold     bool         // i;ascii-casemap (or unicode-casemap)
	wildcard bool         // :matches rather than :regex
}

func (c *compiler) regexTest(u *unit, t parser.Test, args []parser.Arg, name string, ms matchSpec, idx *indexSel) (interp.Test, error) {
	args, _ = removeTag(args, "regex")
	args, _ = removeTag(args, "matches")
	args, _, _ = takeTag(args, "comparator")
	args, part, err := takeAddressPart(u, t, args, name)
	if err != nil {
		return nil, err
	}
	pos := positional(args)
	var fields []string
	keyArg := 1
	switch {
	case name == "hasflag" && len(pos) == 1 && len(args) == 1:
		keyArg = 0 // no variable list: the internal flags
	case len(pos) != len(args) || len(pos) != 2:
		return nil, scriptErr(u.file, t.Position, fmt.Sprintf("%s takes two arguments and no other tags", name))
	default:
		if fields, _ = stringsOf(pos[0]); fields == nil {
			return nil, scriptErr(u.file, t.Position, name+" needs string lists")
		}
	}
	keys, ok := stringsOf(pos[keyArg])
	if !ok {
		return nil, scriptErr(u.file, t.Position, name+" needs string lists")
	}
	rt := &regexTest{keys: keys, fold: ms.comparator != "i;octet", wildcard: ms.matches}
	if rt.values, err = regexSource(name, fields, part, idx); err != nil {
		return nil, scriptErr(u.file, t.Position, err.Error())
	}
	if err := rt.compile(u); err != nil {
		return nil, scriptErr(u.file, t.Position, err.Error())
	}
	return rt, nil
}

// submatcher is a compiled *ere or *binaryregexp.Regexp.
type submatcher interface {
	FindStringSubmatch(s string) []string
}

func (rt *regexTest) compile(u *unit) error {
	rt.res = make([]submatcher, len(rt.keys))
	for i, k := range rt.keys {
		if hasVariable(u, k) {
			continue
		}
		re, err := rt.build(k)
		if err != nil {
			return fmt.Errorf("invalid regular expression %q: %v", k, err)
		}
		rt.res[i] = re
	}
	return nil
}

// build compiles a key. :matches works on octets, as Pigeonhole's
// i;octet and i;ascii-casemap do ("?" is one octet), so it is compiled
// for binaryregexp with every non-ASCII byte escaped; :regex keys are
// POSIX extended regular expressions, REG_ICASE under a case-map
// comparator.
func (rt *regexTest) build(key string) (submatcher, error) {
	if rt.wildcard {
		return binaryregexp.Compile(`(?s)\A` + wildcardGroups(key, rt.fold) + `\z`)
	}
	return compileERE(key, rt.fold)
}

// wildcardGroups translates a :matches pattern, byte by byte, capturing
// each wildcard; * is lazy, as in Pigeonhole. fold makes ASCII letters
// match either case (i;ascii-casemap).
func wildcardGroups(p string, fold bool) string {
	var b strings.Builder
	escaped := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case !escaped && c == '\\':
			escaped = true
			continue
		case !escaped && c == '*':
			b.WriteString(`(.*?)`)
		case !escaped && c == '?':
			b.WriteString(`(.)`)
		case c >= 0x80:
			fmt.Fprintf(&b, `\x%02x`, c)
		case fold && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'):
			b.WriteString("[" + strings.ToLower(string(c)) + strings.ToUpper(string(c)) + "]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
		escaped = false
	}
	return b.String()
}

func regexSource(name string, fields []string, part string, idx *indexSel) (func(context.Context, *interp.RuntimeData) ([]string, error), error) {
	switch name {
	case "header":
		return func(_ context.Context, d *interp.RuntimeData) ([]string, error) {
			var out []string
			for _, f := range fields {
				vals, err := d.Msg.HeaderGet(expand(d, f))
				if err != nil {
					return nil, err
				}
				out = append(out, idx.pick(vals)...)
			}
			return out, nil
		}, nil
	case "envelope":
		return func(_ context.Context, d *interp.RuntimeData) ([]string, error) {
			var out []string
			for _, f := range fields {
				switch strings.ToLower(expand(d, f)) {
				case "from":
					out = appendParts(out, []string{d.Envelope.EnvelopeFrom()}, part)
				case "to":
					out = appendParts(out, []string{d.Envelope.EnvelopeTo()}, part)
				}
			}
			return out, nil
		}, nil
	case "string":
		return func(_ context.Context, d *interp.RuntimeData) ([]string, error) {
			out := make([]string, len(fields))
			for i, f := range fields {
				out[i] = expand(d, f)
			}
			return out, nil
		}, nil
	case "hasflag":
		return flagValues(fields), nil
	case "environment":
		return envValues(fields), nil
	}
	return nil, fmt.Errorf(":regex is not supported by the %s test", name)
}

// flagValues gives hasflag (RFC 5232) the flags one by one: those of the
// named variables, or the internal flags.
func flagValues(vars []string) func(context.Context, *interp.RuntimeData) ([]string, error) {
	return func(_ context.Context, d *interp.RuntimeData) ([]string, error) {
		if vars == nil {
			return d.Flags, nil
		}
		var out []string
		for _, v := range vars {
			value, err := d.Var(expand(d, v))
			if err != nil {
				return nil, err
			}
			out = append(out, strings.Fields(value)...)
		}
		return out, nil
	}
}

// envValues gives the environment test (RFC 5183) the values of the
// items it knows.
func envValues(names []string) func(context.Context, *interp.RuntimeData) ([]string, error) {
	return func(_ context.Context, d *interp.RuntimeData) ([]string, error) {
		var out []string
		for _, n := range names {
			if d.Env == nil {
				break
			}
			if v, ok := d.Env.GetEnvironment(strings.ToLower(expand(d, n))); ok {
				out = append(out, v)
			}
		}
		return out, nil
	}
}

// appendParts appends the address part of each address; addresses
// without that part (no detail) are skipped.
func appendParts(out, addrs []string, part string) []string {
	for _, a := range addrs {
		if v, ok := addressPart(a, part); ok {
			out = append(out, v)
		}
	}
	return out
}

func addressPart(addr, part string) (string, bool) {
	if part == "all" || addr == "" { // every part of the null sender is "", as in Pigeonhole
		return addr, true
	}
	local, domain, ok := splitAddr(addr)
	if !ok {
		return "", false
	}
	user, detail, hasDetail := strings.Cut(local, "+")
	switch part {
	case "localpart":
		return local, true
	case "domain":
		return domain, true
	case "user":
		return user, true
	}
	return detail, hasDetail
}

// Check implements interp.Test.
func (rt *regexTest) Check(ctx context.Context, d *interp.RuntimeData) (bool, error) {
	values, err := rt.values(ctx, d)
	if err != nil {
		return false, err
	}
	for _, v := range values {
		for i, re := range rt.res {
			if re == nil {
				if re, err = rt.build(expand(d, rt.keys[i])); err != nil {
					continue
				}
			}
			if m := re.FindStringSubmatch(v); m != nil {
				d.MatchVariables = m
				return true, nil
			}
		}
	}
	return false, nil
}
