{{/*
Named templates of the baimo chart. The chart keeps to a subset of Helm's template language, rendered
and checked by test/deploy/render-helm.ts: `.Values`/`.Release`/`.Chart` fields, `$`, `if`/`else`,
`with`, `define`/`include`, and the functions quote, default, required, not, toYaml, nindent, indent,
sha256sum. Anything else makes that renderer throw, so keep to it.
*/}}

{{/* The name of every object: fullnameOverride, else <release>-baimo. */}}
{{- define "baimo.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{ .Values.fullnameOverride }}
{{- else -}}
{{ .Release.Name }}-{{ .Chart.Name }}
{{- end -}}
{{- end }}

{{/* Labels on every object. */}}
{{- define "baimo.labels" -}}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector labels shared by gateways and workers; each adds app.kubernetes.io/component. */}}
{{- define "baimo.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The Secret holding BAIMO_*: the existing one, or the chart's. */}}
{{- define "baimo.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{ .Values.secrets.existingSecret }}
{{- else -}}
{{ include "baimo.fullname" . }}
{{- end -}}
{{- end }}

{{/* The image, tagged with appVersion unless image.tag is set. */}}
{{- define "baimo.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* Environment of every baimo container: BAIMO_* from the Secret, then extraEnv. */}}
{{- define "baimo.env" -}}
- name: BAIMO_MASTER_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "baimo.secretName" . }}
      key: BAIMO_MASTER_KEY
- name: BAIMO_ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "baimo.secretName" . }}
      key: BAIMO_ADMIN_TOKEN
      optional: true
- name: BAIMO_DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "baimo.secretName" . }}
      key: BAIMO_DATABASE_URL
- name: BAIMO_REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "baimo.secretName" . }}
      key: BAIMO_REDIS_URL
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Pod and container hardening shared by gateways and workers (uid 1000 is `node` in the image). */}}
{{- define "baimo.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
fsGroup: 1000
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "baimo.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end }}
