package filter

import (
	"context"
	"strings"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// addressTest is the address test (RFC 5228 section 5.1). The addresses are
// parsed here, the Pigeonhole way (see addressEntries), and handed to
// go-sieve's matcher, which keeps comparators, match types and :count.
func (c *compiler) addressTest(u *unit, t parser.Test, args []parser.Arg, ms matchSpec, idx *indexSel) (interp.Test, error) {
	args, part, err := takeAddressPart(u, t, args, "address")
	if err != nil {
		return nil, err
	}
	pos := positional(args)
	if len(pos) != 2 {
		return nil, scriptErr(u.file, t.Position, "address needs a header list and a key list")
	}
	fields, ok := stringsOf(pos[0])
	if !ok {
		return nil, scriptErr(u.file, t.Position, "address: header names must be strings")
	}
	if _, count := tagString(args, "count"); count {
		part = "all" // Pigeonhole counts the addresses, whether they have the part or not
	}
	return c.computed(u, t, args, pos, ms, addressValues(fields, part, idx))
}

// envelopeDetailTest is envelope :detail on our own address parts, in
// which the null sender's detail is "" as in Pigeonhole (go-sieve has
// none).
func (c *compiler) envelopeDetailTest(u *unit, t parser.Test, args []parser.Arg, ms matchSpec, idx *indexSel) (interp.Test, error) {
	args, _, err := takeAddressPart(u, t, args, "envelope")
	if err != nil {
		return nil, err
	}
	pos := positional(args)
	if len(pos) != 2 {
		return nil, scriptErr(u.file, t.Position, "envelope needs an envelope part list and a key list")
	}
	fields, ok := stringsOf(pos[0])
	if !ok {
		return nil, scriptErr(u.file, t.Position, "envelope: envelope parts must be strings")
	}
	values, err := regexSource("envelope", fields, "detail", idx)
	if err != nil {
		return nil, scriptErr(u.file, t.Position, err.Error())
	}
	return c.computed(u, t, args, pos, ms, values)
}

// addressParts are the address-part tags (RFC 5228 section 2.7.4,
// RFC 5233 for :user and :detail).
var addressParts = []string{"all", "localpart", "domain", "user", "detail"}

// takeAddressPart removes the address-part tag from the arguments of the
// test called name and returns it ("all" when none is given). More than one
// part, or :user/:detail without the subaddress extension, is an error.
func takeAddressPart(u *unit, t parser.Test, args []parser.Arg, name string) ([]parser.Arg, string, error) {
	part, parts := "all", 0
	for _, p := range addressParts {
		var found bool
		if args, found = removeTag(args, p); found {
			part = p
			parts++
		}
	}
	if parts > 1 {
		return nil, "", scriptErr(u.file, t.Position, name+": only one address part may be given")
	}
	if (part == "user" || part == "detail") && !u.has("subaddress") {
		return nil, "", scriptErr(u.file, t.Position, ":"+part+" requires the subaddress extension")
	}
	return args, part, nil
}

// addressValues returns the address parts found in the named headers.
func addressValues(fields []string, part string, idx *indexSel) func(context.Context, *interp.RuntimeData) ([]string, error) {
	return func(_ context.Context, d *interp.RuntimeData) ([]string, error) {
		var out []string
		for _, f := range fields {
			name := strings.ToLower(expand(d, f))
			if !addressHeaders[name] {
				continue
			}
			raws, err := rawOf(d.Msg, name)
			if err != nil {
				return nil, err
			}
			for _, raw := range idx.pick(raws) {
				for _, e := range addressEntries(raw) {
					if v, ok := e.part(part); ok {
						out = append(out, v)
					}
				}
			}
		}
		return out, nil
	}
}

func rawOf(m interp.Message, name string) ([]string, error) {
	if r, ok := m.(rawHeaderer); ok {
		return r.rawValues(name), nil
	}
	return m.HeaderGet(name)
}
