package filter_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

// writeScripts writes name -> source into dir as <name>.sieve files.
func writeScripts(t *testing.T, dir string, scripts map[string]string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	for name, src := range scripts {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name+".sieve"), []byte(src), 0o644))
	}
}

func includeRun(t *testing.T, main string, personal, global map[string]string) (filter.Result, error) {
	t.Helper()
	dir := t.TempDir()
	opts := filter.CompileOptions{PersonalDir: filepath.Join(dir, "p"), GlobalDir: filepath.Join(dir, "g")}
	writeScripts(t, opts.PersonalDir, personal)
	writeScripts(t, opts.GlobalDir, global)
	s, err := filter.Compile(filepath.Join(dir, "main.sieve"), []byte(main), opts)
	require.NoError(t, err)
	return s.Run(t.Context(), input(testMessage, testEnvelope))
}

func TestInclude_chain(t *testing.T) {
	t.Parallel()
	res, err := includeRun(t, `require ["include", "fileinto"];
fileinto "M1";
include "a";
include :global "g";
fileinto "M2";`, map[string]string{
		"a": `require ["include", "fileinto"]; fileinto "A"; include "b";`,
		"b": `require "fileinto"; fileinto "B";`,
	}, map[string]string{"g": `require "fileinto"; fileinto "G";`})
	require.NoError(t, err)
	assert.Equal(t, []string{"M1", "A", "B", "G", "M2"}, stores(res))
	assert.Equal(t, "b.sieve", filepath.Base(res.Actions[2].Position().File))
}

func TestInclude_once(t *testing.T) {
	t.Parallel()
	res, err := includeRun(t, `require ["include", "variables", "fileinto"];
global "n";
set "n" "x";
include "inc";
include :once "inc";
include "inc";
fileinto "${n}";`, map[string]string{
		"inc": `require ["include", "variables"]; global "n"; set "n" "${n}x";`,
	}, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"xxx"}, stores(res))
}

func TestInclude_return(t *testing.T) {
	t.Parallel()
	res, err := includeRun(t, `require ["include", "fileinto"];
include "r";
fileinto "After";`, map[string]string{
		"r": `require ["include", "fileinto"]; fileinto "Before"; return; fileinto "Never";`,
	}, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"Before", "After"}, stores(res))
}

func TestInclude_stopEndsEverything(t *testing.T) {
	t.Parallel()
	res, err := includeRun(t, `require ["include", "fileinto"]; include "s"; fileinto "Never";`,
		map[string]string{"s": `stop;`}, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"INBOX"}, stores(res))
}

func TestInclude_globalVariables(t *testing.T) {
	t.Parallel()
	res, err := includeRun(t, `require ["include", "variables", "fileinto"];
global "folder";
set "local" "main";
include "set";
fileinto "${folder}-${local}";`, map[string]string{
		"set": `require ["include", "variables"];
global "folder";
set "local" "inc";
set "folder" "Lists";`,
	}, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"Lists-main"}, stores(res))
}

func TestInclude_cycleWithOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeScripts(t, dir, map[string]string{
		"a": `require "include"; include "b";`,
		"b": `require ["include", "fileinto"]; fileinto "B"; include :once "a"; include :once "main";`,
	})
	s, err := filter.Compile(filepath.Join(dir, "main.sieve"),
		[]byte(`require ["include", "fileinto"]; include :once "a"; fileinto "Main";`), filter.CompileOptions{})
	require.NoError(t, err)
	res, err := s.Run(t.Context(), input(testMessage, testEnvelope))
	require.NoError(t, err)
	assert.Equal(t, []string{"B", "Main"}, stores(res))
	_, err = filter.Compile(filepath.Join(dir, "main.sieve"), []byte(`require "include"; include "a";`), filter.CompileOptions{})
	require.NoError(t, err, "the cycle is closed by an include :once")
}

func TestInclude_errors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeScripts(t, dir, map[string]string{
		"loop1": `require "include"; include "loop2";`,
		"loop2": `require "include"; include "loop1";`,
		"bad":   "require \"fileinto\";\nfileinto;",
		"self":  `require "include"; include "self";`,
	})
	opts := filter.CompileOptions{PersonalDir: dir}
	tests := []struct{ name, src, msg string }{
		{"missing", `require "include"; include "nope";`, "cannot read script"},
		{"cycle", `require "include"; include "loop1";`, "circular include"},
		{"self", `require "include"; include "self";`, "circular include"},
		{"no global dir", `require "include"; include :global "x";`, "no directory configured"},
		{"bad name", `require "include"; include "../x";`, "invalid script name"},
		{"without require", `include "bad";`, "requires the include extension"},
		{"return without require", `return;`, "requires the include extension"},
	}
	for _, tt := range tests {
		_, err := filter.Compile(filepath.Join(dir, "main.sieve"), []byte(tt.src), opts)
		var se *filter.ScriptError
		require.ErrorAs(t, err, &se, tt.name)
		assert.Contains(t, se.Msg, tt.msg, tt.name)
	}
	_, err := filter.Compile("main.sieve", []byte(`require "include"; include "bad";`), opts)
	var se *filter.ScriptError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, filepath.Join(dir, "bad.sieve"), se.File)
	assert.Equal(t, 2, se.Line)

	s, err := filter.Compile("main.sieve", []byte(`require "include"; include :optional "nope";`), opts)
	require.NoError(t, err)
	res, err := s.Run(t.Context(), input(testMessage, testEnvelope))
	require.NoError(t, err)
	assert.Equal(t, []string{"INBOX"}, stores(res))
}

func TestInclude_depthLimit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeScripts(t, dir, map[string]string{
		"d1": `require "include"; include "d2";`,
		"d2": `require "include"; include "d3";`,
		"d3": `keep;`,
	})
	opts := filter.CompileOptions{PersonalDir: dir, Limits: filter.Limits{MaxIncludeDepth: 2}}
	_, err := filter.Compile("main.sieve", []byte(`require "include"; include "d1";`), opts)
	require.ErrorContains(t, err, "nesting deeper than 2")
	opts.Limits.MaxIncludeDepth = 3
	_, err = filter.Compile("main.sieve", []byte(`require "include"; include "d1";`), opts)
	require.NoError(t, err)
}
