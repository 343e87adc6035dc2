package filter

import (
	"context"
	"io"
	"mime"
	"strings"

	"github.com/emersion/go-message/textproto"
	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// mimeOpts is "header :mime [:anychild] [:type|:subtype|:contenttype|:param
// list]" (RFC 5703 section 4).
type mimeOpts struct {
	anychild bool
	option   string   // "", type, subtype, contenttype or param
	params   []string // for param
}

// mimeHeaderTest loads a header test with :mime.
func (c *compiler) mimeHeaderTest(u *unit, t parser.Test, args []parser.Arg, ms matchSpec) (interp.Test, error) {
	if !u.has("mime") {
		return nil, scriptErr(u.file, t.Position, ":mime requires the mime extension")
	}
	var mo mimeOpts
	args, _ = removeTag(args, "mime")
	args, mo.anychild = removeTag(args, "anychild")
	for _, opt := range []string{"type", "subtype", "contenttype"} {
		var found bool
		if args, found = removeTag(args, opt); found {
			mo.option = opt
		}
	}
	var pv parser.Arg
	var hasParam bool
	if args, pv, hasParam = takeTag(args, "param"); hasParam {
		mo.option = "param"
		mo.params, _ = stringsOf(pv)
	}
	pos := positional(args)
	if len(pos) != 2 {
		return nil, scriptErr(u.file, t.Position, "header :mime needs a header list and a key list")
	}
	fields, ok := stringsOf(pos[0])
	if !ok {
		return nil, scriptErr(u.file, t.Position, "header: names must be strings")
	}
	return c.computed(u, t, args, pos, ms, mo.values(fields))
}

func (mo mimeOpts) values(fields []string) func(context.Context, *interp.RuntimeData) ([]string, error) {
	return func(ctx context.Context, d *interp.RuntimeData) ([]string, error) {
		var out []string
		for _, f := range fields {
			name := expand(d, f)
			vals, err := mo.headerValues(ctx, d, name)
			if err != nil {
				return nil, err
			}
			for _, v := range vals {
				out = append(out, mo.apply(v)...)
			}
		}
		return out, nil
	}
}

// headerValues returns the values of name in the message header, and with
// :anychild in the header of every MIME part too.
func (mo mimeOpts) headerValues(ctx context.Context, d *interp.RuntimeData, name string) ([]string, error) {
	vals, err := d.Msg.HeaderGet(name)
	if err != nil || !mo.anychild {
		return vals, err
	}
	m, ok := d.Msg.(*message)
	if !ok {
		return vals, nil
	}
	err = m.walk(func(i int, _ string, h textproto.Header, _ io.Reader) (bool, error) {
		if i > 0 {
			for f := h.FieldsByKey(name); f.Next(); {
				line, _ := f.Raw()
				vals = append(vals, headerValue(line))
			}
		}
		return false, ctx.Err()
	})
	return vals, err
}

// apply extracts the :type, :subtype, :contenttype or :param part of a
// structured header value.
func (mo mimeOpts) apply(v string) []string {
	if mo.option == "" {
		return []string{v}
	}
	mt, params, err := mime.ParseMediaType(v)
	if err != nil && mt == "" {
		return nil
	}
	typ, sub, _ := strings.Cut(mt, "/")
	switch mo.option {
	case "type":
		return []string{typ}
	case "subtype":
		return []string{sub}
	case "contenttype":
		return []string{mt}
	}
	var out []string
	for _, p := range mo.params {
		if pv, ok := params[strings.ToLower(p)]; ok {
			out = append(out, pv)
		}
	}
	return out
}

// duplicateTest is the duplicate test (RFC 7352). Letterbox keeps no
// message-ID history, so every message is new: the test is false, as it
// is for the first delivery of a message under Pigeonhole.
func (c *compiler) duplicateTest(u *unit, t parser.Test) (interp.Test, error) {
	if !u.has("duplicate") {
		return nil, scriptErr(u.file, t.Position, "duplicate requires the duplicate extension")
	}
	str := interp.SpecTag{NeedsValue: true, MatchStr: func([]string) {}}
	err := interp.LoadSpec(u.base, &interp.Spec{Tags: map[string]interp.SpecTag{
		"handle": str, "header": str, "uniqueid": str,
		"seconds": {NeedsValue: true, MatchNum: func(int) {}},
		"last":    {MatchBool: func() {}},
	}}, t.Position, cloneArgs(t.Args), t.Tests, nil)
	if err != nil {
		return nil, mapError(u.file, t.Position, err)
	}
	return interp.FalseTest{}, nil
}
