{{/* The chart's name, trimmed the way `helm create` does. */}}
{{- define "skylog.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "skylog.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* A service's module name (auth-service) from its values key (authService). */}}
{{- define "skylog.module" -}}
{{- . | kebabcase -}}
{{- end -}}

{{/* Resource name of a service: <release>-<module>. Takes (list $ key). */}}
{{- define "skylog.serviceName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "skylog.fullname" $root) (include "skylog.module" (index . 1)) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "skylog.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: skylog
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of a service. Takes (list $ key). */}}
{{- define "skylog.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "skylog.module" (index . 1) }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
{{- end -}}

{{- define "skylog.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else -}}
{{- printf "%s-secrets" (include "skylog.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "skylog.kafka" -}}
{{- if .Values.evaluation.enabled -}}
{{- printf "%s-kafka:9092" (include "skylog.fullname" .) -}}
{{- else -}}
{{- .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{- define "skylog.postgresHost" -}}
{{- if .Values.evaluation.enabled -}}
{{- printf "%s-postgresql" (include "skylog.fullname" .) -}}
{{- else -}}
{{- .Values.postgresql.host -}}
{{- end -}}
{{- end -}}

{{/* Which database a service owns, or nothing. Takes (list $ key). */}}
{{- define "skylog.database" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $databases := dict "authService" $root.Values.postgresql.databases.auth "syncScheduler" $root.Values.postgresql.databases.scheduler "archiveService" $root.Values.postgresql.databases.archive "statsService" $root.Values.postgresql.databases.stats -}}
{{- get $databases $key -}}
{{- end -}}
