import { describe, expect, it } from 'vitest';
import { mergeValues, renderText, TemplateError } from './render-helm.js';

// The renderer behind test/deploy/helm-chart.test.ts: what it renders like Helm, and what it refuses.
describe('the Helm template subset renderer', () => {
  it('trims whitespace like Go templates: {{- eats what precedes, -}} what follows', () => {
    expect(renderText('a:\n  {{- " b" }}\nc: {{ "d" -}}\n\n  e')).toBe('a: b\nc: de');
  });

  it('renders fields of .Values, .Release and .Chart, quote and default', () => {
    const out = renderText('{{ .Release.Name }}/{{ .Chart.Name }}:{{ .Values.tag | default .Chart.AppVersion }} {{ .Values.n | quote }}', {
      tag: '',
      n: 'x"y',
    });
    expect(out).toBe('baimo/baimo:0.0.0 "x\\"y"');
    expect(renderText('{{ .Values.tag | default "z" }}', { tag: 'v2' })).toBe('v2');
  });

  it('renders if / else and with / else on Go truthiness, with changing the dot', () => {
    const t = '{{- if .Values.on }}yes{{- else }}no{{- end }} {{ with .Values.m }}{{ .k }}{{ else }}none{{ end }}';
    expect(renderText(t, { on: true, m: { k: 'v' } })).toBe('yes v');
    expect(renderText(t, { on: 0, m: {} })).toBe('no none');
    expect(renderText('{{ if not .Values.s }}empty{{ end }}', { s: '' })).toBe('empty');
    expect(renderText('{{ with .Values.m }}{{ $.Values.top }}{{ end }}', { m: { a: 1 }, top: 't' })).toBe('t');
  });

  it('renders toYaml | nindent and named templates through include', () => {
    const helpers = '{{- define "x.labels" -}}\na: {{ .Release.Name }}\nb: "2"\n{{- end }}';
    expect(renderText('m:\n  {{- include "x.labels" . | nindent 2 }}', {}, helpers)).toBe('m:\n  a: baimo\n  b: "2"');
    expect(renderText('r:\n  {{- toYaml .Values.r | nindent 2 }}', { r: { cpu: '1', list: [1, 2] } })).toBe(
      'r:\n  cpu: "1"\n  list:\n    - 1\n    - 2',
    );
    expect(renderText('{{ toYaml .Values.c | sha256sum }}', { c: { a: 1 } })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fails with the message of required when the value is missing or empty', () => {
    expect(() => renderText('{{ required "set x" .Values.x }}', {})).toThrow('set x');
    expect(() => renderText('{{ required "set x" .Values.x }}', { x: '' })).toThrow('set x');
    expect(renderText('{{ required "set x" .Values.x }}', { x: 'ok' })).toBe('ok');
  });

  it.each([
    ['range', '{{ range .Values.list }}{{ . }}{{ end }}', /unsupported template construct/],
    ['a variable', '{{ $x := 1 }}', /unsupported syntax/],
    ['printf', '{{ printf "%s" .Values.a }}', /unsupported template construct/],
    ['an unknown function in a pipeline', '{{ .Values.a | upper }}', /unknown function "upper"/],
    ['.Capabilities', '{{ .Capabilities.KubeVersion }}', /unsupported \.Capabilities/],
    ['.Files', '{{ toYaml .Files }}', /unsupported \.Files/],
    ['a method call', '{{ .Values.a "x" }}', /only a function can take arguments/],
    ['an unknown .Release field', '{{ .Release.Revision }}', /unsupported \.Release\.Revision/],
    ['else if', '{{ if .Values.a }}{{ else if .Values.b }}{{ end }}', /only a bare else/],
    ['an unclosed if', '{{ if .Values.a }}x', /not closed/],
    ['a stray end', 'x{{ end }}', /without an open block/],
    ['a single-quoted string', "{{ 'x' }}", /unsupported syntax/],
    ['an include of an undefined template', '{{ include "nope" . }}', /undefined template "nope"/],
    ['printing a missing value', '{{ .Values.missing }}', /missing value/],
    ['printing a map', '{{ .Values.m }}', /prints a map: use toYaml/],
    ['a field of a missing parent', '{{ .Values.missing.x }}', /its parent is missing/],
    ['an unterminated action', '{{ .Values.a ', /without "}}"/],
  ])('throws on %s', (_what, source, error) => {
    let thrown: unknown;
    try {
      renderText(source, { a: 'a', b: 'b', list: [1], m: { k: 1 } });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(TemplateError);
    expect((thrown as Error).message).toMatch(error);
  });

  it('merges overriding values like helm -f: maps deeply, lists replaced, null deletes', () => {
    expect(mergeValues({ a: { b: 1, c: 2 }, l: [1, 2], d: 1 }, { a: { c: 3 }, l: [9], d: null })).toEqual({ a: { b: 1, c: 3 }, l: [9] });
  });
});
