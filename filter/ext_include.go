package filter

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/lexer"
	"github.com/foxcpp/go-sieve/parser"
)

// includeCmd runs an included script (RFC 6609), compiled with the
// includer.
type includeCmd struct {
	pos  Pos
	slot *unitSlot
	once bool
}

// noopCmd stands for commands with nothing to do at run time.
type noopCmd struct{}

// Execute implements interp.Cmd.
func (noopCmd) Execute(context.Context, *interp.RuntimeData) error { return nil }

type includeArgs struct {
	global, personal, once, optional bool
	name                             string
}

func (c *compiler) include(u *unit, pc parser.Cmd) (interp.Cmd, error) {
	if !u.has("include") {
		return nil, scriptErr(u.file, pc.Position, "include requires the include extension")
	}
	var ia includeArgs
	err := interp.LoadSpec(u.base, &interp.Spec{
		Tags: map[string]interp.SpecTag{
			"global":   {MatchBool: func() { ia.global = true }},
			"personal": {MatchBool: func() { ia.personal = true }},
			"once":     {MatchBool: func() { ia.once = true }},
			"optional": {MatchBool: func() { ia.optional = true }},
		},
		Pos: []interp.SpecPosArg{{MinStrCount: 1, MaxStrCount: 1, MatchStr: func(s []string) { ia.name = s[0] }}},
	}, pc.Position, cloneArgs(pc.Args), pc.Tests, pc.Block)
	if err != nil {
		return nil, mapError(u.file, pc.Position, err)
	}
	if ia.global && ia.personal {
		return nil, scriptErr(u.file, pc.Position, "include: :global and :personal are exclusive")
	}
	if ia.name == "" || strings.ContainsAny(ia.name, "/\x00") || hasVariable(u, ia.name) {
		return nil, scriptErr(u.file, pc.Position, fmt.Sprintf("include: invalid script name %q", ia.name))
	}
	inc, err := c.includeUnit(u, pc.Position, ia)
	if err != nil || inc == nil {
		return noopCmd{}, err
	}
	return &includeCmd{pos: c.pos(u, pc.Position), slot: inc, once: ia.once}, nil
}

// includeUnit finds, reads and compiles an included script; nil, nil for
// a missing :optional one. A cycle is an error unless the include closing
// it has :once (as in Pigeonhole): that include is skipped at run time.
func (c *compiler) includeUnit(u *unit, at lexer.Position, ia includeArgs) (*unitSlot, error) {
	dir := c.opts.PersonalDir
	if ia.global {
		dir = c.opts.GlobalDir
	} else if dir == "" {
		dir = filepath.Dir(c.mainFile)
	}
	if dir == "" {
		if ia.optional {
			return nil, nil
		}
		return nil, scriptErr(u.file, at, "include: no directory configured for global scripts")
	}
	path := filepath.Clean(filepath.Join(dir, strings.TrimSuffix(ia.name, ".sieve")+".sieve"))
	if slices.Contains(c.stack, path) {
		if !ia.once {
			return nil, scriptErr(u.file, at, fmt.Sprintf("include: circular include of %q", ia.name))
		}
		return c.units[path], nil
	}
	if slot, ok := c.units[path]; ok {
		return slot, nil
	}
	if len(c.stack)-1 >= c.limits.MaxIncludeDepth {
		return nil, scriptErr(u.file, at, fmt.Sprintf("include: nesting deeper than %d", c.limits.MaxIncludeDepth))
	}
	if len(c.units) >= c.limits.MaxIncludes {
		return nil, scriptErr(u.file, at, fmt.Sprintf("include: more than %d included scripts", c.limits.MaxIncludes))
	}
	src, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && ia.optional {
		return nil, nil
	}
	if err != nil {
		return nil, &ScriptError{File: u.file, Line: at.Line, Column: at.Col,
			Msg: fmt.Sprintf("include: cannot read script %q", ia.name), Err: err}
	}
	slot := &unitSlot{}
	c.units[path] = slot
	c.stack = append(c.stack, path)
	inc, err := c.compileUnit(path, src)
	c.stack = c.stack[:len(c.stack)-1]
	if err != nil {
		return nil, err
	}
	slot.u = inc
	return slot, nil
}

// global declares variables shared between included scripts.
func (c *compiler) global(u *unit, pc parser.Cmd) (interp.Cmd, error) {
	if !u.has("include") || !u.has("variables") {
		return nil, scriptErr(u.file, pc.Position, "global requires the include and variables extensions")
	}
	var names []string
	err := interp.LoadSpec(u.base, &interp.Spec{
		Pos: []interp.SpecPosArg{{MinStrCount: 1, MatchStr: func(s []string) { names = s }}},
	}, pc.Position, cloneArgs(pc.Args), pc.Tests, pc.Block)
	if err != nil {
		return nil, mapError(u.file, pc.Position, err)
	}
	for _, n := range names {
		if !lexer.IsValidIdentifier(n) {
			return nil, scriptErr(u.file, pc.Position, fmt.Sprintf("global: invalid variable name %q", n))
		}
		u.globals = append(u.globals, strings.ToLower(n))
	}
	return noopCmd{}, nil
}

// Execute implements interp.Cmd.
func (c *includeCmd) Execute(ctx context.Context, d *interp.RuntimeData) error {
	st := stateOf(ctx)
	inc := c.slot.u
	if c.once && st.once[inc] {
		return nil
	}
	st.once[inc] = true
	caller, callerUnit := d.Variables, st.unit
	for _, g := range callerUnit.globals {
		if v, ok := caller[g]; ok {
			st.globals[g] = v
		}
	}
	local := map[string]string{}
	for _, g := range inc.globals {
		if v, ok := st.globals[g]; ok {
			local[g] = v
		}
	}
	d.Variables = local
	err := st.runUnit(ctx, d, inc)
	for _, g := range inc.globals {
		if v, ok := d.Variables[g]; ok {
			st.globals[g] = v
		}
	}
	d.Variables = caller
	for _, g := range callerUnit.globals {
		if v, ok := st.globals[g]; ok {
			caller[g] = v
		}
	}
	return err
}
