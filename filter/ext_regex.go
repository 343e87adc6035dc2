package filter

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// regexTest is any test using the :regex match type (the regex draft as
// Pigeonhole implements it, with RE2 syntax). On a match, ${0} is the
// whole match and ${1}... the groups.
type regexTest struct {
	values func(ctx context.Context, d *interp.RuntimeData) ([]string, error)
	keys   []string
	res    []*regexp.Regexp // nil where the key has variables
	fold   bool
}

var addressParts = []string{"all", "localpart", "domain", "user", "detail"}

func (c *compiler) regexTest(u *unit, t parser.Test, args []parser.Arg, name string, ms matchSpec, idx *indexSel) (interp.Test, error) {
	args, _ = removeTag(args, "regex")
	args, _, _ = takeTag(args, "comparator")
	part := "all"
	for _, p := range addressParts {
		var found bool
		if args, found = removeTag(args, p); found {
			part = p
		}
	}
	if (part == "user" || part == "detail") && !u.has("subaddress") {
		return nil, scriptErr(u.file, t.Position, ":"+part+" requires the subaddress extension")
	}
	pos := positional(args)
	if len(pos) != len(args) || len(pos) != 2 {
		return nil, scriptErr(u.file, t.Position, fmt.Sprintf("%s :regex takes two arguments and no other tags", name))
	}
	fields, _ := stringsOf(pos[0])
	keys, ok := stringsOf(pos[1])
	if !ok || fields == nil {
		return nil, scriptErr(u.file, t.Position, name+" needs string lists")
	}
	rt := &regexTest{keys: keys, fold: ms.comparator != "i;octet"}
	var err error
	if rt.values, err = regexSource(name, fields, part, idx); err != nil {
		return nil, scriptErr(u.file, t.Position, err.Error())
	}
	if err := rt.compile(u); err != nil {
		return nil, scriptErr(u.file, t.Position, err.Error())
	}
	return rt, nil
}

func (rt *regexTest) compile(u *unit) error {
	rt.res = make([]*regexp.Regexp, len(rt.keys))
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

func (rt *regexTest) build(key string) (*regexp.Regexp, error) {
	if rt.fold {
		key = "(?i)" + key
	}
	return regexp.Compile(key)
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
	}
	return nil, fmt.Errorf(":regex is not supported by the %s test", name)
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
	if part == "all" || addr == "" {
		return addr, part != "detail"
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
