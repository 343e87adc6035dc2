package filter

import (
	"context"
	"errors"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// ihave (RFC 5463) is decided at compile time: the answer is whether this
// compiler supports every named capability.
func (c *compiler) ihave(u *unit, t parser.Test) (interp.Test, error) {
	if !u.has("ihave") {
		return nil, scriptErr(u.file, t.Position, "ihave requires the ihave extension")
	}
	var names []string
	err := interp.LoadSpec(u.base, &interp.Spec{
		Pos: []interp.SpecPosArg{{MinStrCount: 1, MatchStr: func(s []string) { names = s }}},
	}, t.Position, cloneArgs(t.Args), t.Tests, nil)
	if err != nil {
		return nil, mapError(u.file, t.Position, err)
	}
	for _, n := range names {
		// RFC 5463 section 4: ihave must fail for extensions that change
		// how scripts are read, as Pigeonhole's does for these two.
		if !c.supported(n) || n == "variables" || n == "encoded-character" {
			return interp.FalseTest{}, nil
		}
	}
	// A successful ihave enables its extensions for the rest of the
	// script, as in Pigeonhole.
	for _, n := range names {
		if err := c.require(u, parser.Cmd{Position: t.Position}, n); err != nil {
			return nil, err
		}
	}
	return interp.TrueTest{}, nil
}

// errorCmd is "error <message>" (RFC 5463 section 5): a run-time error.
type errorCmd struct {
	pos Pos
	msg string
}

func (c *compiler) errorCmd(u *unit, pc parser.Cmd, pos Pos) (interp.Cmd, error) {
	if !u.has("ihave") {
		return nil, scriptErr(u.file, pc.Position, "error requires the ihave extension")
	}
	e := &errorCmd{pos: pos}
	err := interp.LoadSpec(u.base, &interp.Spec{
		Pos: []interp.SpecPosArg{{MinStrCount: 1, MaxStrCount: 1, MatchStr: func(s []string) { e.msg = s[0] }}},
	}, pc.Position, cloneArgs(pc.Args), pc.Tests, pc.Block)
	if err != nil {
		return nil, mapError(u.file, pc.Position, err)
	}
	return e, nil
}

// Execute implements interp.Cmd.
func (e *errorCmd) Execute(ctx context.Context, d *interp.RuntimeData) error {
	stateOf(ctx).pos = e.pos
	return errors.New("error command: " + expand(d, e.msg))
}
