// Generated from the OpenAPI document of the /api routes (/openapi.json) and the /v1 route docs by
// `npm run gen:api` (scripts/gen-api-types.ts) — do not edit by hand; test/web/api-types.test.ts fails when stale.

export interface paths {
  '/api/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Log in to the console; sets an httpOnly session cookie and returns the CSRF token */
    post: operations['postApiAuthLogin'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End the console session */
    post: operations['postApiAuthLogout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Before logging in: whether any console user exists yet (a fresh install signs in with the admin token) */
    get: operations['getApiAuthStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who is calling: user, workspaces and roles, and the CSRF token for writes */
    get: operations['getApiAuthMe'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workspaces': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the workspaces the caller can see */
    get: operations['getApiWorkspaces'];
    put?: never;
    /** Create a workspace (instance administrators; a user creating one becomes its owner) */
    post: operations['postApiWorkspaces'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workspaces/{workspaceId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a workspace */
    get: operations['getApiWorkspacesWorkspaceId'];
    put?: never;
    post?: never;
    /** Delete a workspace with its apps and keys (owner role) */
    delete: operations['deleteApiWorkspacesWorkspaceId'];
    options?: never;
    head?: never;
    /** Rename a workspace (admin role) */
    patch: operations['patchApiWorkspacesWorkspaceId'];
    trace?: never;
  };
  '/api/workspaces/{workspaceId}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the members of a workspace */
    get: operations['getApiWorkspacesWorkspaceIdMembers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workspaces/{workspaceId}/members/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Add a member or change their role (admin role; only owners grant owner) */
    put: operations['putApiWorkspacesWorkspaceIdMembersUserId'];
    post?: never;
    /** Remove a member (admin role) */
    delete: operations['deleteApiWorkspacesWorkspaceIdMembersUserId'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workspaces/{workspaceId}/apps': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the apps of a workspace (kind=scenario: only scenario apps) */
    get: operations['getApiWorkspacesWorkspaceIdApps'];
    put?: never;
    /** Create an app, or a scenario app from a spec or a built-in (member role) */
    post: operations['postApiWorkspacesWorkspaceIdApps'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/apps/{appId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get an app */
    get: operations['getApiAppsAppId'];
    put?: never;
    post?: never;
    /** Delete an app (a scenario app with its versions); its keys stay, without an app (admin role) */
    delete: operations['deleteApiAppsAppId'];
    options?: never;
    head?: never;
    /** Change an app (member role) */
    patch: operations['patchApiAppsAppId'];
    trace?: never;
  };
  '/api/app-library': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The built-in scenario apps: specs and sample inputs (runnable by slug in every workspace) */
    get: operations['getApiAppLibrary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/apps/{appId}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The versions of a scenario app, newest first */
    get: operations['getApiAppsAppIdVersions'];
    put?: never;
    /** Start a draft version: a spec, or a copy of a version (default the newest) (member role) */
    post: operations['postApiAppsAppIdVersions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/apps/{appId}/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One version of a scenario app */
    get: operations['getApiAppsAppIdVersionsVersion'];
    /** Change a draft’s spec or note; 409 version_not_draft once published (member role) */
    put: operations['putApiAppsAppIdVersionsVersion'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/apps/{appId}/versions/{version}/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Publish a draft: it takes all traffic, or `split` shares it with a published version (member role) */
    post: operations['postApiAppsAppIdVersionsVersionPublish'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/apps/{appId}/rollback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send all traffic to an earlier published version (member role) */
    post: operations['postApiAppsAppIdRollback'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/apps/{appId}/traffic': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Split traffic between at most two published versions, weights summing to 100 (member role) */
    put: operations['putApiAppsAppIdTraffic'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/apps/{appId}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The app as YAML (slug, name, description, spec) of a version (default: the one serving most traffic) */
    get: operations['getApiAppsAppIdExport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workspaces/{workspaceId}/apps/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import an exported app: a new app, or a new version of the app with that slug (member role) */
    post: operations['postApiWorkspacesWorkspaceIdAppsImport'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/apps/{appId}/page-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Count a view or a browser session of the app’s end-user page (read access); a view with an `id` is also usage analytics’ page view */
    post: operations['postApiAppsAppIdPageEvents'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/apps/{appId}/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Page views and sessions per day, and logged calls per version */
    get: operations['getApiAppsAppIdStats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/apps/{appId}/run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Run a scenario app as the caller (read access; pinning a draft `version` needs write access): same body and answer as POST /v1/apps/{slug}/run (`stream: true`: its chunks); `user` is the console user’s id for a session */
    post: operations['postApiAppsAppIdRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workspaces/{workspaceId}/app-library/{slug}/run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Run a built-in scenario app in a workspace as the caller (read access): same body and answer as POST /v1/apps/{slug}/run (`stream: true`: its chunks); `user` is the console user’s id for a session */
    post: operations['postApiWorkspacesWorkspaceIdAppLibrarySlugRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workspaces/{workspaceId}/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the keys of a workspace */
    get: operations['getApiWorkspacesWorkspaceIdKeys'];
    put?: never;
    /** Create a virtual key (member role); the response holds the key, shown this once */
    post: operations['postApiWorkspacesWorkspaceIdKeys'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/keys/{keyId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a key (a virtual key may read itself) */
    get: operations['getApiKeysKeyId'];
    put?: never;
    post?: never;
    /** Delete a key (admin role); its logs stay */
    delete: operations['deleteApiKeysKeyId'];
    options?: never;
    head?: never;
    /** Change a key’s limits, models, expiry, metadata or cache (member role) */
    patch: operations['patchApiKeysKeyId'];
    trace?: never;
  };
  '/api/keys/{keyId}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke a key for good (member role) */
    post: operations['postApiKeysKeyIdRevoke'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List users (instance admins: all; others: members of their workspaces) */
    get: operations['getApiUsers'];
    put?: never;
    /** Create a user (instance administrators) */
    post: operations['postApiUsers'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a user */
    get: operations['getApiUsersUserId'];
    put?: never;
    post?: never;
    /** Delete a user (instance administrators) */
    delete: operations['deleteApiUsersUserId'];
    options?: never;
    head?: never;
    /** Change a user (yourself: name and password with current_password; instance admins: anything) */
    patch: operations['patchApiUsersUserId'];
    trace?: never;
  };
  '/api/providers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List providers (from baimo.yaml and the database); secrets are never shown */
    get: operations['getApiProviders'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/providers/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a provider */
    get: operations['getApiProvidersName'];
    /** Create or replace a provider (instance administrators); api_key is write-only */
    put: operations['putApiProvidersName'];
    post?: never;
    /** Delete a database provider (instance administrators) */
    delete: operations['deleteApiProvidersName'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/providers/{name}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Test the connection to a provider (instance administrators): lists its models, or sends a 1-token chat; a failing provider is ok: false with status 200 */
    post: operations['postApiProvidersNameTest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List model aliases (from baimo.yaml and the database) */
    get: operations['getApiModels'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a model alias */
    get: operations['getApiModelsName'];
    /** Create or replace a model alias (instance administrators); applied at once */
    put: operations['putApiModelsName'];
    post?: never;
    /** Delete a database model alias (instance administrators) */
    delete: operations['deleteApiModelsName'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/prices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List admin-set prices (per million tokens) and models marked free */
    get: operations['getApiPrices'];
    /** Set the price of a model (`provider/model`, alias or glob) or mark it free (instance administrators) */
    put: operations['putApiPrices'];
    post?: never;
    /** Remove an admin-set price (instance administrators) */
    delete: operations['deleteApiPrices'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/catalog': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the built-in provider catalog: providers, credentials they need, their models, context windows and list prices */
    get: operations['getApiCatalog'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/local-models': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the GGUF files in models_dir and those configured as a llama-cpp model_path, with whether each is loaded */
    get: operations['getApiLocalModels'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/local-models/pull': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Download a GGUF file into models_dir in the background (instance administrators): owner/repo/file.gguf[@revision] from Hugging Face (HF_ENDPOINT, HF_TOKEN) or an http(s) URL; resumes and verifies the SHA-256 */
    post: operations['postApiLocalModelsPull'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/local-models/pulls/{jobId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Progress of a pull started with POST /api/local-models/pull (the last 50 jobs are kept, in memory) */
    get: operations['getApiLocalModelsPullsJobId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/local-models/{provider}/load': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Load a llama-cpp provider’s model into memory now (instance administrators); it still unloads after idle_unload_ms */
    post: operations['postApiLocalModelsProviderLoad'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/local-models/{provider}/unload': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Free a llama-cpp provider’s model once no request uses it (instance administrators); the next request loads it again */
    post: operations['postApiLocalModelsProviderUnload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Query the request log (time range, key, app, model, scenario, status), newest first, cursor-paged */
    get: operations['getApiLogs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/logs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One request log row, with bodies when body logging is on */
    get: operations['getApiLogsId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Requests, tokens and cost grouped by day, model, provider, key, app or workspace */
    get: operations['getApiUsage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/stats/overview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Overview of recent traffic: requests, errors, tokens, cost, latency and TTFT percentiles per time bucket; top models; provider health */
    get: operations['getApiStatsOverview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/security/policies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the stored security policies (of one workspace, or of every workspace the caller can see) */
    get: operations['getApiSecurityPolicies'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/security/policies/{scopeType}/{scopeId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get the policy of a workspace, app or key (an empty policy when none is stored) */
    get: operations['getApiSecurityPoliciesScopeTypeScopeId'];
    /** Set the policy of a workspace, app or key (workspace admin role); applied at once */
    put: operations['putApiSecurityPoliciesScopeTypeScopeId'];
    post?: never;
    /** Remove the policy of a workspace, app or key (workspace admin role) */
    delete: operations['deleteApiSecurityPoliciesScopeTypeScopeId'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/security/effective': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The merged policy that applies: baimo.yaml defaults ← workspace ← app ← key */
    get: operations['getApiSecurityEffective'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/security/pii/scan': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Find personal information in a text with the effective policy's recognizers (all built-in types when it names none) */
    post: operations['postApiSecurityPiiScan'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/security/moderation/check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Check a text against a workspace's keyword libraries and rules (instance-wide ones without a workspace) */
    post: operations['postApiSecurityModerationCheck'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/moderation/risks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The 31 risks of GB/T 45654-2025 appendix A (ids for library terms and rules) */
    get: operations['getApiModerationRisks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/moderation/libraries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List keyword libraries: instance-wide ones and those of one workspace (or of every workspace the caller can see) */
    get: operations['getApiModerationLibraries'];
    put?: never;
    /** Create a keyword library (workspace_id null: instance-wide, instance administrators); terms as JSON and/or text */
    post: operations['postApiModerationLibraries'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/moderation/libraries/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a keyword library and its terms */
    delete: operations['deleteApiModerationLibrariesId'];
    options?: never;
    head?: never;
    /** Rename, describe, enable or disable a keyword library */
    patch: operations['patchApiModerationLibrariesId'];
    trace?: never;
  };
  '/api/moderation/libraries/{id}/terms': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the terms of a library in term order, optionally only those containing q */
    get: operations['getApiModerationLibrariesIdTerms'];
    put?: never;
    /** Add terms (JSON and/or library text) in one transaction; terms already there are skipped */
    post: operations['postApiModerationLibrariesIdTerms'];
    /** Delete terms from a library */
    delete: operations['deleteApiModerationLibrariesIdTerms'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List audit entries, newest first (workspace admins: their workspace's entries only) */
    get: operations['getApiAudit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Check the hash chain of the whole audit log (instance administrators); names the first bad entry */
    post: operations['postApiAuditVerify'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every audit entry in seq order as JSON lines, with the hashes (instance administrators) */
    get: operations['getApiAuditExport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List background jobs, newest first, cursor-paged: a workspace’s, the caller’s workspaces’, or (instance administrators) all */
    get: operations['getApiJobs'];
    put?: never;
    /** Start a job of a type that allows manual runs, e.g. {"name":"retention.purge"} (instance administrators); answers 202 with the job to poll */
    post: operations['postApiJobs'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/jobs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One background job: status, progress (0..1 and a message), result or error, attempts and times */
    get: operations['getApiJobsId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/jobs/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel a queued or running job (a running one stops at its next check); a finished job is returned unchanged */
    post: operations['postApiJobsIdCancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/kb': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the knowledge bases of a workspace */
    get: operations['getApiKb'];
    put?: never;
    /** Create a knowledge base (member role): its embedding model, chunking, user dictionary and retrieval defaults */
    post: operations['postApiKb'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/kb/{kb}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One knowledge base, by id or name */
    get: operations['getApiKbKb'];
    put?: never;
    post?: never;
    /** Delete a knowledge base (member role) with its documents, chunks, vectors and keyword index */
    delete: operations['deleteApiKbKb'];
    options?: never;
    head?: never;
    /** Change a knowledge base (member role); the embedding model only while it has no chunks (409 embedding_model_locked). A change of user_words or stopwords re-segments the indexed chunks in a knowledge.reindex job (reindex_job_id) */
    patch: operations['patchApiKbKb'];
    trace?: never;
  };
  '/api/kb/{kb}/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Search a knowledge base (hybrid, keyword or vector; optional rerank, threshold and filters); each hit carries its rank and score in every method */
    post: operations['postApiKbKbSearch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/kb/{kb}/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the documents of a knowledge base, newest first, with their status and ingestion progress */
    get: operations['getApiKbKbDocuments'];
    put?: never;
    /** Add documents (member role): multipart/form-data with `file` parts, `url` fields and an optional `metadata` field (a JSON object of strings), or JSON {urls, metadata}; answers 202 and ingests in the background */
    post: operations['postApiKbKbDocuments'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/kb/{kb}/documents/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One document: status, ingestion progress, error reason, chunk count */
    get: operations['getApiKbKbDocumentsId'];
    put?: never;
    post?: never;
    /** Delete a document (member role) with its chunks, vectors and keyword entries */
    delete: operations['deleteApiKbKbDocumentsId'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/kb/{kb}/documents/{id}/chunks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The chunks of a document in order, with their title paths, kinds and token counts */
    get: operations['getApiKbKbDocumentsIdChunks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eval/datasets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the evaluation datasets of a workspace, by name */
    get: operations['getApiEvalDatasets'];
    put?: never;
    /** Upload an evaluation dataset (member role), or a new version of the one of that name: multipart/form-data with `files` parts (C-Eval / CMMLU CSVs, `{subject}_{split}.csv` names decide subject and split; or one QA, judge or safety JSONL / CSV) and the fields `name`, `type` (mcq|qa|judge|safety; detected when absent), `format` (ceval|cmmlu|qa|judge|safety), `split` (of CSVs not named after one), `description`, `note`. The same items as the newest version add none (`created`: false). A bad file is a 400 `invalid_dataset` naming the file and line */
    post: operations['postApiEvalDatasets'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eval/datasets/sample': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sample a QA or judge dataset from the request logs (member role): requests that stored their bodies (logging.store_bodies), each item's input the last user message and its reference the logged answer; a seeded random sample, the filter and seed kept in the version's meta. Nothing qualifies: 400 `no_logged_bodies` */
    post: operations['postApiEvalDatasetsSample'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eval/datasets/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One evaluation dataset, by id or name */
    get: operations['getApiEvalDatasetsId'];
    put?: never;
    post?: never;
    /** Delete an evaluation dataset with its versions and items (member role); while runs use it, a 409 `dataset_in_use` */
    delete: operations['deleteApiEvalDatasetsId'];
    options?: never;
    head?: never;
    /** Rename or redescribe an evaluation dataset (member role); a taken name is a 409 `dataset_name_taken` */
    patch: operations['patchApiEvalDatasetsId'];
    trace?: never;
  };
  '/api/eval/datasets/{id}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An evaluation dataset's versions, newest first (source, format, item count, content hash, files, warnings, a sample's filter) */
    get: operations['getApiEvalDatasetsIdVersions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eval/datasets/{id}/versions/{version}/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A page of a dataset version's items in order (keyset: `after` is the last seq seen) */
    get: operations['getApiEvalDatasetsIdVersionsVersionItems'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eval/runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the evaluation runs of a workspace, newest first, cursor-paged */
    get: operations['getApiEvalRuns'];
    put?: never;
    /** Start an evaluation run (member role): {suite: {name, type, dataset: 'name[@version]', models, …}} or {yaml: '<suite.yaml>'}; answers 202 with the queued run */
    post: operations['postApiEvalRuns'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eval/runs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One evaluation run with its results per model (the 含金量 report; computed live while the run runs) */
    get: operations['getApiEvalRunsId'];
    put?: never;
    post?: never;
    /** Delete an evaluation run and its items (member role); a queued or running one is cancelled first */
    delete: operations['deleteApiEvalRunsId'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eval/runs/{id}/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A page of a run's finished items, by model then dataset order: the reply, score, detail, cost, latency and request id of each */
    get: operations['getApiEvalRunsIdItems'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eval/runs/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel a queued or running evaluation run (member role); its finished items are kept (409 eval_run_not_active otherwise) */
    post: operations['postApiEvalRunsIdCancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eval/runs/{id}/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Queue a failed or cancelled evaluation run again (member role): only the items not finished yet are called (409 eval_run_not_resumable otherwise) */
    post: operations['postApiEvalRunsIdResume'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eval/runs/{id}/report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An evaluation run’s 含金量 report as a file: standalone HTML (no script), CSV (UTF-8 with a BOM) or JSON; live while the run runs */
    get: operations['getApiEvalRunsIdReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/eval/leaderboard': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The workspace's evaluation leaderboard across runs: per suite and dataset version, every model's latest completed result (best score first, ranked, Pareto front), and each model's mean across them; the newest 200 completed runs */
    get: operations['getApiEvalLeaderboard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/arena/battles': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the arena battles of a workspace, newest first (a pending blind battle shows no model names), keyset-paged */
    get: operations['getApiArenaBattles'];
    put?: never;
    /** A blind battle (member role): two models of the arena pool (or the two named) answer the prompt, streamed side by side as server-sent events — `battle` {id}, `delta` {side, text}, `done` {side, finish_reason}, `error` {side, message}, last `end` {} — with no model name in them. Once both answered the battle is stored pending; the vote reveals the names. Calls use the workspace's evaluation key (baimo-eval) */
    post: operations['postApiArenaBattles'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/arena/battles/{id}/vote': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Vote on a pending blind battle (member role): reveals both models. 409 arena_already_voted when it has a winner; 404 for a battle of another workspace */
    post: operations['postApiArenaBattlesIdVote'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/arena/ratings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The arena leaderboard: Bradley–Terry ratings on the Elo scale with bootstrap 95% intervals and ranks, best first (decided battles of one source, or all) */
    get: operations['getApiArenaRatings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/arena/judge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start LLM-judge battles (member role): an eval.arena_judge job on the eval queue. Each prompt is answered by its pairs of models (pairs: random — one random pair, default — or all), each pair judged by `judge` in both orders (disagreeing verdicts make a tie). Answers 202 with the job id; its progress is on /api/jobs/{id} */
    post: operations['postApiArenaJudge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Usage report of a period: totals, by scenario/model/provider/app/key/workspace/segment, 1,440-minute activity, day × hour heatmap, series in a time zone and grain, topics */
    get: operations['getApiAnalyticsReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/report.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The usage report's tables as CSV (UTF-8 with a BOM, one section per table); the same query as /api/analytics/report */
    get: operations['getApiAnalyticsReportCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Report page views of console or app pages, up to 50 at once (idempotent by event id; console session, API key or admin token) */
    post: operations['postApiEvents'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/feedback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Like or dislike an answer by its request id, with an optional comment (one rating per request and end user; null withdraws it) */
    post: operations['postApiFeedback'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/end-users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Set an end user’s segment attributes (industry, region, user_group; left out: cleared); they win over the app’s and the key’s (member role, or an API key for its own workspace) */
    put: operations['putApiAnalyticsEndUsersId'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/reports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Make the usage report of a period as a file (html, csv, json or pdf) in the background: answers 202 with the job; poll it, then download its file */
    post: operations['postApiAnalyticsReports'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/reports/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A usage report job: status, progress, and once it succeeded its file (name, type, size, download URL) */
    get: operations['getApiAnalyticsReportsId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/reports/{id}/file': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A usage report job's file (409 report_not_ready until the job succeeded; 404 once deleted after analytics.report_keep_days) */
    get: operations['getApiAnalyticsReportsIdFile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/taxonomy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The topic/task taxonomy requests are classified against (bilingual labels with example prompts) */
    get: operations['getApiAnalyticsTaxonomy'];
    /** Replace the topic taxonomy (instance administrators): at most 100 labels, each with example prompts; prompts are classified afresh */
    put: operations['putApiAnalyticsTaxonomy'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/topics/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Topic classification status: settings, requests waiting and dropped, classified, cache hits and the classifier’s cost */
    get: operations['getApiAnalyticsTopicsStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/extract-text': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Read a file as text for a scenario app's `file` variable (users and the admin token; stores nothing): multipart/form-data with one `file` part (txt, md, html, pdf, docx, at most 50 MiB; text in UTF-8, UTF-16 or GB18030/GBK), the text as `baimo apps run --file` reads it, cut at 1000000 characters (`truncated`). A file that cannot be read is a 400 `file_unreadable` saying why; a larger one a 413 `file_too_large` */
    post: operations['postApiExtractText'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/arena/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import battles (member role): JSONL (`application/x-ndjson` or `text/plain`), one battle a line: `model_a`, `model_b`, `winner` (model_a | model_b | tie | both_bad), optional `prompt`, `answer_a`, `answer_b`. Every line is checked: with a bad line nothing is imported (400 invalid_battles listing them) unless skip_invalid=true, which imports the good lines */
    post: operations['postApiArenaImport'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/completions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Chat completion (OpenAI-compatible); `stream: true` answers server-sent chunks */
    post: operations['postV1ChatCompletions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/embeddings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Embeddings (OpenAI-compatible) */
    post: operations['postV1Embeddings'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rerank': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Rerank documents against a query (Jina / Cohere v2 / SiliconFlow shape) */
    post: operations['postV1Rerank'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/apps/{slug}/run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Run a scenario app (a built-in or the workspace’s) with typed inputs; answers a chat completion with `app: {slug, version}`; `stream: true` answers its chunks, with `progress` chunks over long inputs */
    post: operations['postV1AppsSlugRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/models': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The models the caller may use */
    get: operations['getV1Models'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/models/{model}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One model (its id may contain slashes) */
    get: operations['getV1ModelsModel'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Error: {
      error: {
        message: string;
        type: string;
        param: string | null;
        code: string | null;
      };
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  postApiAuthLogin: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          email: string;
          password: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            user: {
              id: string;
              /** @constant */
              object: 'user';
              email: string;
              name: string;
              is_admin: boolean;
              disabled: boolean;
              created_at: string;
            };
            csrf_token: string;
            expires_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiAuthLogout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            ok: boolean;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAuthStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description False on a fresh install: no console user yet, only the admin token can sign in. */
            has_users: boolean;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAuthMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            kind: 'admin' | 'user' | 'key';
            user: {
              id: string;
              /** @constant */
              object: 'user';
              email: string;
              name: string;
              is_admin: boolean;
              disabled: boolean;
              created_at: string;
            } | null;
            is_admin: boolean;
            key_id: string | null;
            workspaces: {
              id: string;
              role: ('owner' | 'admin' | 'member' | 'viewer') | null;
            }[];
            csrf_token: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiWorkspaces: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              /** @constant */
              object: 'workspace';
              name: string;
              role: ('owner' | 'admin' | 'member' | 'viewer') | null;
              created_at: string;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiWorkspaces: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
        };
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'workspace';
            name: string;
            role: ('owner' | 'admin' | 'member' | 'viewer') | null;
            created_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiWorkspacesWorkspaceId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        workspaceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'workspace';
            name: string;
            role: ('owner' | 'admin' | 'member' | 'viewer') | null;
            created_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiWorkspacesWorkspaceId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        workspaceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  patchApiWorkspacesWorkspaceId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        workspaceId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'workspace';
            name: string;
            role: ('owner' | 'admin' | 'member' | 'viewer') | null;
            created_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiWorkspacesWorkspaceIdMembers: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        workspaceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              user_id: string;
              workspace_id: string;
              email: string;
              name: string;
              /** @enum {string} */
              role: 'owner' | 'admin' | 'member' | 'viewer';
              created_at: string;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  putApiWorkspacesWorkspaceIdMembersUserId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        workspaceId: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          role: 'owner' | 'admin' | 'member' | 'viewer';
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            user_id: string;
            workspace_id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: 'owner' | 'admin' | 'member' | 'viewer';
            created_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiWorkspacesWorkspaceIdMembersUserId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        workspaceId: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiWorkspacesWorkspaceIdApps: {
    parameters: {
      query?: {
        /** @description scenario: only apps with a slug (default all) */
        kind?: 'all' | 'scenario';
      };
      header?: never;
      path: {
        workspaceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              /** @constant */
              object: 'app';
              workspace_id: string;
              name: string;
              description: string | null;
              cache: boolean;
              cache_ttl_s: number | null;
              created_at: string;
              slug: string | null;
              source: string | null;
              traffic:
                | {
                    version: number;
                    weight: number;
                  }[]
                | null;
              latest_version: number | null;
              updated_at: string | null;
              metadata: {
                [key: string]: string;
              } | null;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiWorkspacesWorkspaceIdApps: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        workspaceId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Required for a plain app; a scenario app defaults to its spec’s name */
          name?: string;
          description?: string | null;
          cache?: boolean;
          cache_ttl_s?: number | null;
          /** @description Segment attributes: industry, region, user_group (null clears them) */
          metadata?: {
            /** @description Industry, e.g. 教育 or education (at most 64 characters) */
            industry?: string | null;
            /** @description Region, e.g. 北京 or north-china (at most 64 characters) */
            region?: string | null;
            /** @description User group, e.g. teachers (at most 64 characters) */
            user_group?: string | null;
          } | null;
          /** @description Makes it a scenario app, run as app:{slug} (unique in the workspace, not a built-in slug) */
          slug?: string;
          /** @description A scenario app of your own: its first version */
          spec?: {
            name: string;
            /** @default  */
            description?: string;
            /** @default  */
            model?: string;
            /** @default {} */
            parameters?: {
              temperature?: number;
              top_p?: number;
              max_tokens?: number;
              presence_penalty?: number;
              frequency_penalty?: number;
            };
            /** @default [] */
            variables?: {
              name: string;
              /** @enum {string} */
              type: 'text' | 'long_text' | 'enum' | 'number' | 'boolean' | 'file';
              label?:
                | string
                | {
                    zh: string;
                    en: string;
                  };
              description?:
                | string
                | {
                    zh: string;
                    en: string;
                  };
              /** @default false */
              required?: boolean;
              default?: string | number | boolean;
              options?: string[];
              min?: number;
              max?: number;
              integer?: boolean;
              max_length?: number;
            }[];
            /** @default text */
            main_variable?: string;
            prompts: {
              zh?: {
                /** @default  */
                system?: string;
                user: string;
              };
              en?: {
                /** @default  */
                system?: string;
                user: string;
              };
            };
            /**
             * @default {
             *       "format": "text"
             *     }
             */
            output?: {
              /**
               * @default text
               * @enum {string}
               */
              format?: 'text' | 'markdown' | 'json';
              schema?: {
                [key: string]: unknown;
              };
            };
            /** @default [] */
            knowledge?: string[];
            /**
             * @default {
             *       "strategy": "refuse"
             *     }
             */
            long_input?: {
              /**
               * @default refuse
               * @enum {string}
               */
              strategy?: 'map-reduce' | 'truncate' | 'refuse';
              map?: {
                zh?: {
                  /** @default  */
                  system?: string;
                  user: string;
                };
                en?: {
                  /** @default  */
                  system?: string;
                  user: string;
                };
              };
              reduce?: {
                zh?: {
                  /** @default  */
                  system?: string;
                  user: string;
                };
                en?: {
                  /** @default  */
                  system?: string;
                  user: string;
                };
              };
            };
          };
          /**
           * @description A scenario app copied from this built-in
           * @enum {string}
           */
          from_builtin?:
            | 'summarize'
            | 'continue-writing'
            | 'translate'
            | 'essay'
            | 'interview-questions'
            | 'promo-copy'
            | 'meeting-minutes'
            | 'code-assistant'
            | 'kb-qa';
          /** @description The first version’s note */
          note?: string;
          /** @description Publish the first version at once (default: it stays a draft) */
          publish?: boolean;
        };
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'app';
            workspace_id: string;
            name: string;
            description: string | null;
            cache: boolean;
            cache_ttl_s: number | null;
            created_at: string;
            slug: string | null;
            source: string | null;
            traffic:
              | {
                  version: number;
                  weight: number;
                }[]
              | null;
            latest_version: number | null;
            updated_at: string | null;
            metadata: {
              [key: string]: string;
            } | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAppsAppId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        appId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'app';
            workspace_id: string;
            name: string;
            description: string | null;
            cache: boolean;
            cache_ttl_s: number | null;
            created_at: string;
            slug: string | null;
            source: string | null;
            traffic:
              | {
                  version: number;
                  weight: number;
                }[]
              | null;
            latest_version: number | null;
            updated_at: string | null;
            metadata: {
              [key: string]: string;
            } | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiAppsAppId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        appId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  patchApiAppsAppId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        appId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          description?: string | null;
          cache?: boolean;
          cache_ttl_s?: number | null;
          /** @description Segment attributes: industry, region, user_group (null clears them) */
          metadata?: {
            /** @description Industry, e.g. 教育 or education (at most 64 characters) */
            industry?: string | null;
            /** @description Region, e.g. 北京 or north-china (at most 64 characters) */
            region?: string | null;
            /** @description User group, e.g. teachers (at most 64 characters) */
            user_group?: string | null;
          } | null;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'app';
            workspace_id: string;
            name: string;
            description: string | null;
            cache: boolean;
            cache_ttl_s: number | null;
            created_at: string;
            slug: string | null;
            source: string | null;
            traffic:
              | {
                  version: number;
                  weight: number;
                }[]
              | null;
            latest_version: number | null;
            updated_at: string | null;
            metadata: {
              [key: string]: string;
            } | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAppLibrary: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              /** @constant */
              object: 'library_app';
              /** @enum {string} */
              slug:
                | 'summarize'
                | 'continue-writing'
                | 'translate'
                | 'essay'
                | 'interview-questions'
                | 'promo-copy'
                | 'meeting-minutes'
                | 'code-assistant'
                | 'kb-qa';
              name: string;
              description: string;
              spec: {
                name: string;
                /** @default  */
                description: string;
                /** @default  */
                model: string;
                /** @default {} */
                parameters: {
                  temperature?: number;
                  top_p?: number;
                  max_tokens?: number;
                  presence_penalty?: number;
                  frequency_penalty?: number;
                };
                /** @default [] */
                variables: {
                  name: string;
                  /** @enum {string} */
                  type: 'text' | 'long_text' | 'enum' | 'number' | 'boolean' | 'file';
                  label?:
                    | string
                    | {
                        zh: string;
                        en: string;
                      };
                  description?:
                    | string
                    | {
                        zh: string;
                        en: string;
                      };
                  /** @default false */
                  required: boolean;
                  default?: string | number | boolean;
                  options?: string[];
                  min?: number;
                  max?: number;
                  integer?: boolean;
                  max_length?: number;
                }[];
                /** @default text */
                main_variable: string;
                prompts: {
                  zh?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                  en?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                };
                /**
                 * @default {
                 *       "format": "text"
                 *     }
                 */
                output: {
                  /**
                   * @default text
                   * @enum {string}
                   */
                  format: 'text' | 'markdown' | 'json';
                  schema?: {
                    [key: string]: unknown;
                  };
                };
                /** @default [] */
                knowledge: string[];
                /**
                 * @default {
                 *       "strategy": "refuse"
                 *     }
                 */
                long_input: {
                  /**
                   * @default refuse
                   * @enum {string}
                   */
                  strategy: 'map-reduce' | 'truncate' | 'refuse';
                  map?: {
                    zh?: {
                      /** @default  */
                      system: string;
                      user: string;
                    };
                    en?: {
                      /** @default  */
                      system: string;
                      user: string;
                    };
                  };
                  reduce?: {
                    zh?: {
                      /** @default  */
                      system: string;
                      user: string;
                    };
                    en?: {
                      /** @default  */
                      system: string;
                      user: string;
                    };
                  };
                };
              };
              samples: {
                zh: {
                  [key: string]: string | number | boolean;
                };
                en: {
                  [key: string]: string | number | boolean;
                };
              };
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAppsAppIdVersions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        appId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              /** @constant */
              object: 'app_version';
              app_id: string;
              version: number;
              /** @enum {string} */
              status: 'draft' | 'published' | 'archived';
              spec: {
                name: string;
                /** @default  */
                description: string;
                /** @default  */
                model: string;
                /** @default {} */
                parameters: {
                  temperature?: number;
                  top_p?: number;
                  max_tokens?: number;
                  presence_penalty?: number;
                  frequency_penalty?: number;
                };
                /** @default [] */
                variables: {
                  name: string;
                  /** @enum {string} */
                  type: 'text' | 'long_text' | 'enum' | 'number' | 'boolean' | 'file';
                  label?:
                    | string
                    | {
                        zh: string;
                        en: string;
                      };
                  description?:
                    | string
                    | {
                        zh: string;
                        en: string;
                      };
                  /** @default false */
                  required: boolean;
                  default?: string | number | boolean;
                  options?: string[];
                  min?: number;
                  max?: number;
                  integer?: boolean;
                  max_length?: number;
                }[];
                /** @default text */
                main_variable: string;
                prompts: {
                  zh?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                  en?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                };
                /**
                 * @default {
                 *       "format": "text"
                 *     }
                 */
                output: {
                  /**
                   * @default text
                   * @enum {string}
                   */
                  format: 'text' | 'markdown' | 'json';
                  schema?: {
                    [key: string]: unknown;
                  };
                };
                /** @default [] */
                knowledge: string[];
                /**
                 * @default {
                 *       "strategy": "refuse"
                 *     }
                 */
                long_input: {
                  /**
                   * @default refuse
                   * @enum {string}
                   */
                  strategy: 'map-reduce' | 'truncate' | 'refuse';
                  map?: {
                    zh?: {
                      /** @default  */
                      system: string;
                      user: string;
                    };
                    en?: {
                      /** @default  */
                      system: string;
                      user: string;
                    };
                  };
                  reduce?: {
                    zh?: {
                      /** @default  */
                      system: string;
                      user: string;
                    };
                    en?: {
                      /** @default  */
                      system: string;
                      user: string;
                    };
                  };
                };
              };
              note: string;
              created_by: string | null;
              created_at: string;
              published_at: string | null;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiAppsAppIdVersions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        appId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          spec?: {
            name: string;
            /** @default  */
            description?: string;
            /** @default  */
            model?: string;
            /** @default {} */
            parameters?: {
              temperature?: number;
              top_p?: number;
              max_tokens?: number;
              presence_penalty?: number;
              frequency_penalty?: number;
            };
            /** @default [] */
            variables?: {
              name: string;
              /** @enum {string} */
              type: 'text' | 'long_text' | 'enum' | 'number' | 'boolean' | 'file';
              label?:
                | string
                | {
                    zh: string;
                    en: string;
                  };
              description?:
                | string
                | {
                    zh: string;
                    en: string;
                  };
              /** @default false */
              required?: boolean;
              default?: string | number | boolean;
              options?: string[];
              min?: number;
              max?: number;
              integer?: boolean;
              max_length?: number;
            }[];
            /** @default text */
            main_variable?: string;
            prompts: {
              zh?: {
                /** @default  */
                system?: string;
                user: string;
              };
              en?: {
                /** @default  */
                system?: string;
                user: string;
              };
            };
            /**
             * @default {
             *       "format": "text"
             *     }
             */
            output?: {
              /**
               * @default text
               * @enum {string}
               */
              format?: 'text' | 'markdown' | 'json';
              schema?: {
                [key: string]: unknown;
              };
            };
            /** @default [] */
            knowledge?: string[];
            /**
             * @default {
             *       "strategy": "refuse"
             *     }
             */
            long_input?: {
              /**
               * @default refuse
               * @enum {string}
               */
              strategy?: 'map-reduce' | 'truncate' | 'refuse';
              map?: {
                zh?: {
                  /** @default  */
                  system?: string;
                  user: string;
                };
                en?: {
                  /** @default  */
                  system?: string;
                  user: string;
                };
              };
              reduce?: {
                zh?: {
                  /** @default  */
                  system?: string;
                  user: string;
                };
                en?: {
                  /** @default  */
                  system?: string;
                  user: string;
                };
              };
            };
          };
          /** @description Copy this version’s spec (default: the newest version) */
          from_version?: number;
          note?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'app_version';
            app_id: string;
            version: number;
            /** @enum {string} */
            status: 'draft' | 'published' | 'archived';
            spec: {
              name: string;
              /** @default  */
              description: string;
              /** @default  */
              model: string;
              /** @default {} */
              parameters: {
                temperature?: number;
                top_p?: number;
                max_tokens?: number;
                presence_penalty?: number;
                frequency_penalty?: number;
              };
              /** @default [] */
              variables: {
                name: string;
                /** @enum {string} */
                type: 'text' | 'long_text' | 'enum' | 'number' | 'boolean' | 'file';
                label?:
                  | string
                  | {
                      zh: string;
                      en: string;
                    };
                description?:
                  | string
                  | {
                      zh: string;
                      en: string;
                    };
                /** @default false */
                required: boolean;
                default?: string | number | boolean;
                options?: string[];
                min?: number;
                max?: number;
                integer?: boolean;
                max_length?: number;
              }[];
              /** @default text */
              main_variable: string;
              prompts: {
                zh?: {
                  /** @default  */
                  system: string;
                  user: string;
                };
                en?: {
                  /** @default  */
                  system: string;
                  user: string;
                };
              };
              /**
               * @default {
               *       "format": "text"
               *     }
               */
              output: {
                /**
                 * @default text
                 * @enum {string}
                 */
                format: 'text' | 'markdown' | 'json';
                schema?: {
                  [key: string]: unknown;
                };
              };
              /** @default [] */
              knowledge: string[];
              /**
               * @default {
               *       "strategy": "refuse"
               *     }
               */
              long_input: {
                /**
                 * @default refuse
                 * @enum {string}
                 */
                strategy: 'map-reduce' | 'truncate' | 'refuse';
                map?: {
                  zh?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                  en?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                };
                reduce?: {
                  zh?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                  en?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                };
              };
            };
            note: string;
            created_by: string | null;
            created_at: string;
            published_at: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAppsAppIdVersionsVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        appId: string;
        version: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'app_version';
            app_id: string;
            version: number;
            /** @enum {string} */
            status: 'draft' | 'published' | 'archived';
            spec: {
              name: string;
              /** @default  */
              description: string;
              /** @default  */
              model: string;
              /** @default {} */
              parameters: {
                temperature?: number;
                top_p?: number;
                max_tokens?: number;
                presence_penalty?: number;
                frequency_penalty?: number;
              };
              /** @default [] */
              variables: {
                name: string;
                /** @enum {string} */
                type: 'text' | 'long_text' | 'enum' | 'number' | 'boolean' | 'file';
                label?:
                  | string
                  | {
                      zh: string;
                      en: string;
                    };
                description?:
                  | string
                  | {
                      zh: string;
                      en: string;
                    };
                /** @default false */
                required: boolean;
                default?: string | number | boolean;
                options?: string[];
                min?: number;
                max?: number;
                integer?: boolean;
                max_length?: number;
              }[];
              /** @default text */
              main_variable: string;
              prompts: {
                zh?: {
                  /** @default  */
                  system: string;
                  user: string;
                };
                en?: {
                  /** @default  */
                  system: string;
                  user: string;
                };
              };
              /**
               * @default {
               *       "format": "text"
               *     }
               */
              output: {
                /**
                 * @default text
                 * @enum {string}
                 */
                format: 'text' | 'markdown' | 'json';
                schema?: {
                  [key: string]: unknown;
                };
              };
              /** @default [] */
              knowledge: string[];
              /**
               * @default {
               *       "strategy": "refuse"
               *     }
               */
              long_input: {
                /**
                 * @default refuse
                 * @enum {string}
                 */
                strategy: 'map-reduce' | 'truncate' | 'refuse';
                map?: {
                  zh?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                  en?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                };
                reduce?: {
                  zh?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                  en?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                };
              };
            };
            note: string;
            created_by: string | null;
            created_at: string;
            published_at: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  putApiAppsAppIdVersionsVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        appId: string;
        version: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          spec?: {
            name: string;
            /** @default  */
            description?: string;
            /** @default  */
            model?: string;
            /** @default {} */
            parameters?: {
              temperature?: number;
              top_p?: number;
              max_tokens?: number;
              presence_penalty?: number;
              frequency_penalty?: number;
            };
            /** @default [] */
            variables?: {
              name: string;
              /** @enum {string} */
              type: 'text' | 'long_text' | 'enum' | 'number' | 'boolean' | 'file';
              label?:
                | string
                | {
                    zh: string;
                    en: string;
                  };
              description?:
                | string
                | {
                    zh: string;
                    en: string;
                  };
              /** @default false */
              required?: boolean;
              default?: string | number | boolean;
              options?: string[];
              min?: number;
              max?: number;
              integer?: boolean;
              max_length?: number;
            }[];
            /** @default text */
            main_variable?: string;
            prompts: {
              zh?: {
                /** @default  */
                system?: string;
                user: string;
              };
              en?: {
                /** @default  */
                system?: string;
                user: string;
              };
            };
            /**
             * @default {
             *       "format": "text"
             *     }
             */
            output?: {
              /**
               * @default text
               * @enum {string}
               */
              format?: 'text' | 'markdown' | 'json';
              schema?: {
                [key: string]: unknown;
              };
            };
            /** @default [] */
            knowledge?: string[];
            /**
             * @default {
             *       "strategy": "refuse"
             *     }
             */
            long_input?: {
              /**
               * @default refuse
               * @enum {string}
               */
              strategy?: 'map-reduce' | 'truncate' | 'refuse';
              map?: {
                zh?: {
                  /** @default  */
                  system?: string;
                  user: string;
                };
                en?: {
                  /** @default  */
                  system?: string;
                  user: string;
                };
              };
              reduce?: {
                zh?: {
                  /** @default  */
                  system?: string;
                  user: string;
                };
                en?: {
                  /** @default  */
                  system?: string;
                  user: string;
                };
              };
            };
          };
          note?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'app_version';
            app_id: string;
            version: number;
            /** @enum {string} */
            status: 'draft' | 'published' | 'archived';
            spec: {
              name: string;
              /** @default  */
              description: string;
              /** @default  */
              model: string;
              /** @default {} */
              parameters: {
                temperature?: number;
                top_p?: number;
                max_tokens?: number;
                presence_penalty?: number;
                frequency_penalty?: number;
              };
              /** @default [] */
              variables: {
                name: string;
                /** @enum {string} */
                type: 'text' | 'long_text' | 'enum' | 'number' | 'boolean' | 'file';
                label?:
                  | string
                  | {
                      zh: string;
                      en: string;
                    };
                description?:
                  | string
                  | {
                      zh: string;
                      en: string;
                    };
                /** @default false */
                required: boolean;
                default?: string | number | boolean;
                options?: string[];
                min?: number;
                max?: number;
                integer?: boolean;
                max_length?: number;
              }[];
              /** @default text */
              main_variable: string;
              prompts: {
                zh?: {
                  /** @default  */
                  system: string;
                  user: string;
                };
                en?: {
                  /** @default  */
                  system: string;
                  user: string;
                };
              };
              /**
               * @default {
               *       "format": "text"
               *     }
               */
              output: {
                /**
                 * @default text
                 * @enum {string}
                 */
                format: 'text' | 'markdown' | 'json';
                schema?: {
                  [key: string]: unknown;
                };
              };
              /** @default [] */
              knowledge: string[];
              /**
               * @default {
               *       "strategy": "refuse"
               *     }
               */
              long_input: {
                /**
                 * @default refuse
                 * @enum {string}
                 */
                strategy: 'map-reduce' | 'truncate' | 'refuse';
                map?: {
                  zh?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                  en?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                };
                reduce?: {
                  zh?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                  en?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                };
              };
            };
            note: string;
            created_by: string | null;
            created_at: string;
            published_at: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiAppsAppIdVersionsVersionPublish: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        appId: string;
        version: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description [{version, weight}], weights summing to 100, naming this version */
          split?: {
            version: number;
            weight: number;
          }[];
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'app_version';
            app_id: string;
            version: number;
            /** @enum {string} */
            status: 'draft' | 'published' | 'archived';
            spec: {
              name: string;
              /** @default  */
              description: string;
              /** @default  */
              model: string;
              /** @default {} */
              parameters: {
                temperature?: number;
                top_p?: number;
                max_tokens?: number;
                presence_penalty?: number;
                frequency_penalty?: number;
              };
              /** @default [] */
              variables: {
                name: string;
                /** @enum {string} */
                type: 'text' | 'long_text' | 'enum' | 'number' | 'boolean' | 'file';
                label?:
                  | string
                  | {
                      zh: string;
                      en: string;
                    };
                description?:
                  | string
                  | {
                      zh: string;
                      en: string;
                    };
                /** @default false */
                required: boolean;
                default?: string | number | boolean;
                options?: string[];
                min?: number;
                max?: number;
                integer?: boolean;
                max_length?: number;
              }[];
              /** @default text */
              main_variable: string;
              prompts: {
                zh?: {
                  /** @default  */
                  system: string;
                  user: string;
                };
                en?: {
                  /** @default  */
                  system: string;
                  user: string;
                };
              };
              /**
               * @default {
               *       "format": "text"
               *     }
               */
              output: {
                /**
                 * @default text
                 * @enum {string}
                 */
                format: 'text' | 'markdown' | 'json';
                schema?: {
                  [key: string]: unknown;
                };
              };
              /** @default [] */
              knowledge: string[];
              /**
               * @default {
               *       "strategy": "refuse"
               *     }
               */
              long_input: {
                /**
                 * @default refuse
                 * @enum {string}
                 */
                strategy: 'map-reduce' | 'truncate' | 'refuse';
                map?: {
                  zh?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                  en?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                };
                reduce?: {
                  zh?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                  en?: {
                    /** @default  */
                    system: string;
                    user: string;
                  };
                };
              };
            };
            note: string;
            created_by: string | null;
            created_at: string;
            published_at: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiAppsAppIdRollback: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        appId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          version: number;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'app';
            workspace_id: string;
            name: string;
            description: string | null;
            cache: boolean;
            cache_ttl_s: number | null;
            created_at: string;
            slug: string | null;
            source: string | null;
            traffic:
              | {
                  version: number;
                  weight: number;
                }[]
              | null;
            latest_version: number | null;
            updated_at: string | null;
            metadata: {
              [key: string]: string;
            } | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  putApiAppsAppIdTraffic: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        appId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          traffic: {
            version: number;
            weight: number;
          }[];
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'app';
            workspace_id: string;
            name: string;
            description: string | null;
            cache: boolean;
            cache_ttl_s: number | null;
            created_at: string;
            slug: string | null;
            source: string | null;
            traffic:
              | {
                  version: number;
                  weight: number;
                }[]
              | null;
            latest_version: number | null;
            updated_at: string | null;
            metadata: {
              [key: string]: string;
            } | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAppsAppIdExport: {
    parameters: {
      query?: {
        version?: number;
      };
      header?: never;
      path: {
        appId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiWorkspacesWorkspaceIdAppsImport: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        workspaceId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description What GET /api/apps/{appId}/export (or baimo apps export) wrote */
          yaml: string;
          /** @description Publish the imported version at once (default: a draft) */
          publish?: boolean;
        };
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'app';
            workspace_id: string;
            name: string;
            description: string | null;
            cache: boolean;
            cache_ttl_s: number | null;
            created_at: string;
            slug: string | null;
            source: string | null;
            traffic:
              | {
                  version: number;
                  weight: number;
                }[]
              | null;
            latest_version: number | null;
            updated_at: string | null;
            metadata: {
              [key: string]: string;
            } | null;
            imported_version: number;
            created: boolean;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiAppsAppIdPageEvents: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        appId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          kind: 'view' | 'session';
          /** @description The browser session (a session counts once) */
          session_id: string;
          /**
           * Format: uuid
           * @description A view’s event id: also recorded as a page view for usage analytics (once per id)
           */
          id?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            counted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAppsAppIdStats: {
    parameters: {
      query?: {
        /** @description How many days back (default 30) */
        days?: number;
      };
      header?: never;
      path: {
        appId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'app_stats';
            app_id: string;
            days: {
              day: string;
              views: number;
              sessions: number;
            }[];
            runs: {
              version: number | null;
              runs: number;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiAppsAppIdRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        appId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @default {} */
          inputs?: {
            [key: string]: unknown;
          };
          stream?: boolean;
          model?: string;
          version?: number;
          /** @enum {string} */
          language?: 'zh' | 'en';
          user?: string;
          conversation_id?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'chat.completion';
            created: number;
            model: string;
            choices: {
              index: number;
              message: {
                /** @constant */
                role: 'assistant';
                content: string | null;
                refusal: string | null;
                tool_calls?: {
                  id: string;
                  /** @constant */
                  type: 'function';
                  function: {
                    name: string;
                    arguments: string;
                  };
                }[];
                reasoning_content?: string;
              };
              logprobs: null;
              /** @enum {string} */
              finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter';
            }[];
            usage: {
              prompt_tokens: number;
              completion_tokens: number;
              total_tokens: number;
              prompt_tokens_details?: {
                cached_tokens: number;
              };
              completion_tokens_details?: {
                reasoning_tokens: number;
              };
            };
            citations?: {
              index: number;
              knowledge_base: string;
              document_id: string;
              document_name: string;
              document_title: string | null;
              chunk_id: string;
              title_path: string[];
              text: string;
              score: number;
              cited: boolean;
              withheld?: boolean;
            }[];
            app: {
              slug: string;
              version: number;
            };
          } & {
            [key: string]: unknown;
          };
          'text/event-stream': {
            id: string;
            /** @constant */
            object: 'chat.completion.chunk';
            created: number;
            model: string;
            choices: {
              index: number;
              delta: {
                /** @constant */
                role?: 'assistant';
                content?: string;
                reasoning_content?: string;
                tool_calls?: {
                  index: number;
                  id?: string;
                  /** @constant */
                  type?: 'function';
                  function: {
                    name?: string;
                    arguments?: string;
                  };
                }[];
              };
              logprobs: null;
              finish_reason: ('stop' | 'length' | 'tool_calls' | 'content_filter') | null;
            }[];
            usage?: {
              prompt_tokens: number;
              completion_tokens: number;
              total_tokens: number;
              prompt_tokens_details?: {
                cached_tokens: number;
              };
              completion_tokens_details?: {
                reasoning_tokens: number;
              };
            } | null;
            citations?: {
              index: number;
              knowledge_base: string;
              document_id: string;
              document_name: string;
              document_title: string | null;
              chunk_id: string;
              title_path: string[];
              text: string;
              score: number;
              cited: boolean;
              withheld?: boolean;
            }[];
            app?: {
              slug: string;
              version: number;
            };
            progress?: {
              /** @enum {string} */
              phase: 'map' | 'reduce';
              done: number;
              total: number;
            };
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiWorkspacesWorkspaceIdAppLibrarySlugRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        workspaceId: string;
        slug: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @default {} */
          inputs?: {
            [key: string]: unknown;
          };
          stream?: boolean;
          model?: string;
          version?: number;
          /** @enum {string} */
          language?: 'zh' | 'en';
          user?: string;
          conversation_id?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'chat.completion';
            created: number;
            model: string;
            choices: {
              index: number;
              message: {
                /** @constant */
                role: 'assistant';
                content: string | null;
                refusal: string | null;
                tool_calls?: {
                  id: string;
                  /** @constant */
                  type: 'function';
                  function: {
                    name: string;
                    arguments: string;
                  };
                }[];
                reasoning_content?: string;
              };
              logprobs: null;
              /** @enum {string} */
              finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter';
            }[];
            usage: {
              prompt_tokens: number;
              completion_tokens: number;
              total_tokens: number;
              prompt_tokens_details?: {
                cached_tokens: number;
              };
              completion_tokens_details?: {
                reasoning_tokens: number;
              };
            };
            citations?: {
              index: number;
              knowledge_base: string;
              document_id: string;
              document_name: string;
              document_title: string | null;
              chunk_id: string;
              title_path: string[];
              text: string;
              score: number;
              cited: boolean;
              withheld?: boolean;
            }[];
            app: {
              slug: string;
              version: number;
            };
          } & {
            [key: string]: unknown;
          };
          'text/event-stream': {
            id: string;
            /** @constant */
            object: 'chat.completion.chunk';
            created: number;
            model: string;
            choices: {
              index: number;
              delta: {
                /** @constant */
                role?: 'assistant';
                content?: string;
                reasoning_content?: string;
                tool_calls?: {
                  index: number;
                  id?: string;
                  /** @constant */
                  type?: 'function';
                  function: {
                    name?: string;
                    arguments?: string;
                  };
                }[];
              };
              logprobs: null;
              finish_reason: ('stop' | 'length' | 'tool_calls' | 'content_filter') | null;
            }[];
            usage?: {
              prompt_tokens: number;
              completion_tokens: number;
              total_tokens: number;
              prompt_tokens_details?: {
                cached_tokens: number;
              };
              completion_tokens_details?: {
                reasoning_tokens: number;
              };
            } | null;
            citations?: {
              index: number;
              knowledge_base: string;
              document_id: string;
              document_name: string;
              document_title: string | null;
              chunk_id: string;
              title_path: string[];
              text: string;
              score: number;
              cited: boolean;
              withheld?: boolean;
            }[];
            app?: {
              slug: string;
              version: number;
            };
            progress?: {
              /** @enum {string} */
              phase: 'map' | 'reduce';
              done: number;
              total: number;
            };
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiWorkspacesWorkspaceIdKeys: {
    parameters: {
      query?: {
        app_id?: string;
      };
      header?: never;
      path: {
        workspaceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              /** @constant */
              object: 'key';
              name: string;
              prefix: string;
              workspace_id: string;
              app_id: string | null;
              models: string[] | null;
              rpm: number | null;
              tpm: number | null;
              token_quota: number | null;
              /** @enum {string} */
              token_quota_period: 'day' | 'month' | 'total';
              budget: number | null;
              /** @enum {string} */
              budget_currency: 'CNY' | 'USD';
              /** @enum {string} */
              budget_period: 'day' | 'month' | 'total';
              expires_at: string | null;
              enabled: boolean;
              revoked_at: string | null;
              /** @enum {string} */
              status: 'active' | 'disabled' | 'expired' | 'revoked';
              metadata: {
                [key: string]: unknown;
              } | null;
              cache: boolean | null;
              cache_ttl_s: number | null;
              created_at: string;
              updated_at: string;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiWorkspacesWorkspaceIdKeys: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        workspaceId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          app_id?: string | null;
          models?: string[] | null;
          rpm?: number | null;
          tpm?: number | null;
          token_quota?: number | null;
          /** @enum {string} */
          token_quota_period?: 'day' | 'month' | 'total';
          budget?: number | null;
          /** @enum {string} */
          budget_currency?: 'CNY' | 'USD';
          /** @enum {string} */
          budget_period?: 'day' | 'month' | 'total';
          expires_at?: (string | number) | null;
          enabled?: boolean;
          metadata?:
            | ({
                industry?: string;
                region?: string;
                user_group?: string;
                scenario_tags?: string[];
              } & {
                [key: string]: string | number | boolean | string[];
              })
            | null;
          cache?: boolean | null;
          cache_ttl_s?: number | null;
        };
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'key';
            name: string;
            prefix: string;
            workspace_id: string;
            app_id: string | null;
            models: string[] | null;
            rpm: number | null;
            tpm: number | null;
            token_quota: number | null;
            /** @enum {string} */
            token_quota_period: 'day' | 'month' | 'total';
            budget: number | null;
            /** @enum {string} */
            budget_currency: 'CNY' | 'USD';
            /** @enum {string} */
            budget_period: 'day' | 'month' | 'total';
            expires_at: string | null;
            enabled: boolean;
            revoked_at: string | null;
            /** @enum {string} */
            status: 'active' | 'disabled' | 'expired' | 'revoked';
            metadata: {
              [key: string]: unknown;
            } | null;
            cache: boolean | null;
            cache_ttl_s: number | null;
            created_at: string;
            updated_at: string;
            key: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiKeysKeyId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        keyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'key';
            name: string;
            prefix: string;
            workspace_id: string;
            app_id: string | null;
            models: string[] | null;
            rpm: number | null;
            tpm: number | null;
            token_quota: number | null;
            /** @enum {string} */
            token_quota_period: 'day' | 'month' | 'total';
            budget: number | null;
            /** @enum {string} */
            budget_currency: 'CNY' | 'USD';
            /** @enum {string} */
            budget_period: 'day' | 'month' | 'total';
            expires_at: string | null;
            enabled: boolean;
            revoked_at: string | null;
            /** @enum {string} */
            status: 'active' | 'disabled' | 'expired' | 'revoked';
            metadata: {
              [key: string]: unknown;
            } | null;
            cache: boolean | null;
            cache_ttl_s: number | null;
            created_at: string;
            updated_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiKeysKeyId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        keyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  patchApiKeysKeyId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        keyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          app_id?: string | null;
          models?: string[] | null;
          rpm?: number | null;
          tpm?: number | null;
          token_quota?: number | null;
          /** @enum {string} */
          token_quota_period?: 'day' | 'month' | 'total';
          budget?: number | null;
          /** @enum {string} */
          budget_currency?: 'CNY' | 'USD';
          /** @enum {string} */
          budget_period?: 'day' | 'month' | 'total';
          expires_at?: (string | number) | null;
          enabled?: boolean;
          metadata?:
            | ({
                industry?: string;
                region?: string;
                user_group?: string;
                scenario_tags?: string[];
              } & {
                [key: string]: string | number | boolean | string[];
              })
            | null;
          cache?: boolean | null;
          cache_ttl_s?: number | null;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'key';
            name: string;
            prefix: string;
            workspace_id: string;
            app_id: string | null;
            models: string[] | null;
            rpm: number | null;
            tpm: number | null;
            token_quota: number | null;
            /** @enum {string} */
            token_quota_period: 'day' | 'month' | 'total';
            budget: number | null;
            /** @enum {string} */
            budget_currency: 'CNY' | 'USD';
            /** @enum {string} */
            budget_period: 'day' | 'month' | 'total';
            expires_at: string | null;
            enabled: boolean;
            revoked_at: string | null;
            /** @enum {string} */
            status: 'active' | 'disabled' | 'expired' | 'revoked';
            metadata: {
              [key: string]: unknown;
            } | null;
            cache: boolean | null;
            cache_ttl_s: number | null;
            created_at: string;
            updated_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiKeysKeyIdRevoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        keyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'key';
            name: string;
            prefix: string;
            workspace_id: string;
            app_id: string | null;
            models: string[] | null;
            rpm: number | null;
            tpm: number | null;
            token_quota: number | null;
            /** @enum {string} */
            token_quota_period: 'day' | 'month' | 'total';
            budget: number | null;
            /** @enum {string} */
            budget_currency: 'CNY' | 'USD';
            /** @enum {string} */
            budget_period: 'day' | 'month' | 'total';
            expires_at: string | null;
            enabled: boolean;
            revoked_at: string | null;
            /** @enum {string} */
            status: 'active' | 'disabled' | 'expired' | 'revoked';
            metadata: {
              [key: string]: unknown;
            } | null;
            cache: boolean | null;
            cache_ttl_s: number | null;
            created_at: string;
            updated_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiUsers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              /** @constant */
              object: 'user';
              email: string;
              name: string;
              is_admin: boolean;
              disabled: boolean;
              created_at: string;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiUsers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: email */
          email: string;
          name: string;
          password: string;
          is_admin?: boolean;
          workspaces?: {
            id: string;
            /** @enum {string} */
            role: 'owner' | 'admin' | 'member' | 'viewer';
          }[];
        };
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'user';
            email: string;
            name: string;
            is_admin: boolean;
            disabled: boolean;
            created_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiUsersUserId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'user';
            email: string;
            name: string;
            is_admin: boolean;
            disabled: boolean;
            created_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiUsersUserId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  patchApiUsersUserId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          password?: string;
          current_password?: string;
          is_admin?: boolean;
          disabled?: boolean;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'user';
            email: string;
            name: string;
            is_admin: boolean;
            disabled: boolean;
            created_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiProviders: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              name: string;
              /** @constant */
              object: 'provider';
              /** @enum {string} */
              source: 'file' | 'database';
              type: string;
              base_url: string | null;
              has_api_key: boolean;
              secrets_set: ('api_key' | 'secret_key' | 'api_secret')[];
              headers: {
                [key: string]: string;
              };
              query: {
                [key: string]: string;
              };
              models: string[];
              max_concurrency: number | null;
              /** @enum {string} */
              trust: 'self_hosted' | 'domestic_cloud' | 'foreign_cloud';
              trust_configured: ('self_hosted' | 'domestic_cloud' | 'foreign_cloud') | null;
              problem: string | null;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiProvidersName: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            name: string;
            /** @constant */
            object: 'provider';
            /** @enum {string} */
            source: 'file' | 'database';
            type: string;
            base_url: string | null;
            has_api_key: boolean;
            secrets_set: ('api_key' | 'secret_key' | 'api_secret')[];
            headers: {
              [key: string]: string;
            };
            query: {
              [key: string]: string;
            };
            models: string[];
            max_concurrency: number | null;
            /** @enum {string} */
            trust: 'self_hosted' | 'domestic_cloud' | 'foreign_cloud';
            trust_configured: ('self_hosted' | 'domestic_cloud' | 'foreign_cloud') | null;
            problem: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  putApiProvidersName: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          type: string;
          catalog?: string;
          /** Format: uri */
          base_url?: string;
          secret_id?: string;
          app_id?: string;
          /** @enum {string} */
          auth?: 'key' | 'jwt';
          models?: string[];
          max_concurrency?: number;
          timeouts?: {
            connect_ms?: number;
            first_byte_ms?: number;
            idle_ms?: number;
            total_ms?: number;
          };
          /** @enum {string} */
          trust?: 'self_hosted' | 'domestic_cloud' | 'foreign_cloud';
          deployment_path?: boolean;
          model_path?: string;
          threads?: number;
          context_size?: number;
          concurrency?: number;
          idle_unload_ms?: number;
          headers?: {
            [key: string]: string;
          } | null;
          query?: {
            [key: string]: string;
          } | null;
          api_key?: string | null;
          secret_key?: string | null;
          api_secret?: string | null;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            name: string;
            /** @constant */
            object: 'provider';
            /** @enum {string} */
            source: 'file' | 'database';
            type: string;
            base_url: string | null;
            has_api_key: boolean;
            secrets_set: ('api_key' | 'secret_key' | 'api_secret')[];
            headers: {
              [key: string]: string;
            };
            query: {
              [key: string]: string;
            };
            models: string[];
            max_concurrency: number | null;
            /** @enum {string} */
            trust: 'self_hosted' | 'domestic_cloud' | 'foreign_cloud';
            trust_configured: ('self_hosted' | 'domestic_cloud' | 'foreign_cloud') | null;
            problem: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiProvidersName: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiProvidersNameTest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Send a 1-token chat to this model instead of listing models */
          model?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            ok: boolean;
            latency_ms: number;
            models?: string[];
            error?: {
              message: string;
              code: string;
            };
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiModels: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              targets: {
                provider: string;
                model: string;
                /** @default 1 */
                weight: number;
                max_concurrency?: number;
              }[];
              /** @default [] */
              fallbacks: string[];
              retries?: number;
              timeouts?: {
                connect_ms?: number;
                first_byte_ms?: number;
                idle_ms?: number;
                total_ms?: number;
              };
              knowledge?: string[];
              context_tokens?: number;
              name: string;
              /** @constant */
              object: 'model';
              /** @enum {string} */
              source: 'file' | 'database';
              problem: string | null;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiModelsName: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            targets: {
              provider: string;
              model: string;
              /** @default 1 */
              weight: number;
              max_concurrency?: number;
            }[];
            /** @default [] */
            fallbacks: string[];
            retries?: number;
            timeouts?: {
              connect_ms?: number;
              first_byte_ms?: number;
              idle_ms?: number;
              total_ms?: number;
            };
            knowledge?: string[];
            context_tokens?: number;
            name: string;
            /** @constant */
            object: 'model';
            /** @enum {string} */
            source: 'file' | 'database';
            problem: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  putApiModelsName: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          targets: {
            provider: string;
            model: string;
            /** @default 1 */
            weight?: number;
            max_concurrency?: number;
          }[];
          /** @default [] */
          fallbacks?: string[];
          retries?: number;
          timeouts?: {
            connect_ms?: number;
            first_byte_ms?: number;
            idle_ms?: number;
            total_ms?: number;
          };
          knowledge?: string[];
          context_tokens?: number;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            targets: {
              provider: string;
              model: string;
              /** @default 1 */
              weight: number;
              max_concurrency?: number;
            }[];
            /** @default [] */
            fallbacks: string[];
            retries?: number;
            timeouts?: {
              connect_ms?: number;
              first_byte_ms?: number;
              idle_ms?: number;
              total_ms?: number;
            };
            knowledge?: string[];
            context_tokens?: number;
            name: string;
            /** @constant */
            object: 'model';
            /** @enum {string} */
            source: 'file' | 'database';
            problem: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiModelsName: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiPrices: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              model: string;
              /** @default 0 */
              input: number;
              /** @default 0 */
              output: number;
              cached?: number;
              /**
               * @default CNY
               * @enum {string}
               */
              currency: 'CNY' | 'USD';
              /** @default false */
              free: boolean;
              /** @constant */
              object: 'price';
              /** @enum {string} */
              source: 'file' | 'database';
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  putApiPrices: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          model: string;
          /** @default 0 */
          input?: number;
          /** @default 0 */
          output?: number;
          cached?: number;
          /**
           * @default CNY
           * @enum {string}
           */
          currency?: 'CNY' | 'USD';
          /** @default false */
          free?: boolean;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            model: string;
            /** @default 0 */
            input: number;
            /** @default 0 */
            output: number;
            cached?: number;
            /**
             * @default CNY
             * @enum {string}
             */
            currency: 'CNY' | 'USD';
            /** @default false */
            free: boolean;
            /** @constant */
            object: 'price';
            /** @enum {string} */
            source: 'file' | 'database';
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiPrices: {
    parameters: {
      query: {
        model: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiCatalog: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              names: {
                zh: string;
                en: string;
              };
              /** @enum {string} */
              protocol: 'openai' | 'anthropic' | 'gemini' | 'ollama' | 'llama-cpp' | 'ernie' | 'dashscope' | 'spark-ws' | 'hunyuan-tc3';
              base_url: string;
              /** @enum {string} */
              auth: 'bearer' | 'api-key-header' | 'x-api-key' | 'x-goog-api-key' | 'zhipu-jwt' | 'sensenova-jwt' | 'none';
              credentials: {
                /** @enum {string} */
                key: 'api_key' | 'secret_key' | 'secret_id' | 'app_id' | 'api_secret';
                label: {
                  zh: string;
                  en: string;
                };
                placeholder: {
                  zh: string;
                  en: string;
                };
                sealed: boolean;
                required: boolean;
              }[];
              jwt: {
                credentials: {
                  /** @enum {string} */
                  key: 'api_key' | 'secret_key' | 'secret_id' | 'app_id' | 'api_secret';
                  label: {
                    zh: string;
                    en: string;
                  };
                  placeholder: {
                    zh: string;
                    en: string;
                  };
                  sealed: boolean;
                  required: boolean;
                }[];
                hint: {
                  zh: string;
                  en: string;
                };
              } | null;
              env_keys: string[];
              env_base_url: string | null;
              /** @enum {string} */
              currency: 'CNY' | 'USD';
              embeddings: boolean;
              key_optional: boolean;
              file_only: boolean;
              docs: string | null;
              brand: {
                mark: string;
                color: string;
              } | null;
              models: {
                id: string;
                /** @enum {string} */
                kind: 'chat' | 'embedding';
                context: number | null;
                max_output: number | null;
                /** @enum {string} */
                currency: 'CNY' | 'USD';
                prices: {
                  up_to: number | null;
                  input: number;
                  output: number;
                  cached: number | null;
                }[];
              }[];
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiLocalModels: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            models_dir: string;
            data: {
              file: string;
              path: string;
              size_bytes: number | null;
              provider: string | null;
              loaded: boolean;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiLocalModelsPull: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description owner/repo/path/file.gguf[@revision], or an http(s) URL */
          source: string;
        };
      };
    };
    responses: {
      /** @description Success */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            job_id: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiLocalModelsPullsJobId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        jobId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            job_id: string;
            source: string;
            file: string;
            /** @enum {string} */
            status: 'running' | 'done' | 'failed';
            received_bytes: number;
            total_bytes: number | null;
            error?: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiLocalModelsProviderLoad: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        provider: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            provider: string;
            loaded: boolean;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiLocalModelsProviderUnload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        provider: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            provider: string;
            loaded: boolean;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiLogs: {
    parameters: {
      query?: {
        workspace_id?: string;
        /** @description Inclusive start, ISO 8601 or epoch ms */
        from?: string;
        /** @description Exclusive end, ISO 8601 or epoch ms */
        to?: string;
        key_id?: string;
        app_id?: string;
        model?: string;
        /** @description The scenario app's slug, or direct_api for requests no scenario app made (narrow by from/to too: it has no index) */
        scenario?: string;
        /** @description error (≥ 400), ok (< 400) or an exact status code */
        status?: string;
        limit?: number;
        /** @description next_cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              /** @constant */
              object: 'log';
              created_at: string;
              workspace_id: string | null;
              app_id: string | null;
              key_id: string | null;
              endpoint: string;
              model: string;
              provider: string | null;
              upstream_model: string | null;
              attempts: number;
              status: number;
              error_type: string | null;
              error_message: string | null;
              prompt_tokens: number;
              completion_tokens: number;
              cached_tokens: number;
              estimated: boolean;
              cost: number;
              currency: string | null;
              cost_cny: number;
              latency_ms: number;
              ttft_ms: number | null;
              stream: boolean;
              finish_reason: string | null;
              cache_hit: boolean;
              session_id: string | null;
              user_id: string | null;
              compliance: {
                [key: string]: unknown;
              } | null;
              app_slug: string | null;
              app_version: number | null;
            }[];
            next_cursor: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiLogsId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'log';
            created_at: string;
            workspace_id: string | null;
            app_id: string | null;
            key_id: string | null;
            endpoint: string;
            model: string;
            provider: string | null;
            upstream_model: string | null;
            attempts: number;
            status: number;
            error_type: string | null;
            error_message: string | null;
            prompt_tokens: number;
            completion_tokens: number;
            cached_tokens: number;
            estimated: boolean;
            cost: number;
            currency: string | null;
            cost_cny: number;
            latency_ms: number;
            ttft_ms: number | null;
            stream: boolean;
            finish_reason: string | null;
            cache_hit: boolean;
            session_id: string | null;
            user_id: string | null;
            compliance: {
              [key: string]: unknown;
            } | null;
            app_slug: string | null;
            app_version: number | null;
            attempts_detail:
              | {
                  provider: string;
                  model: string;
                  status: number;
                  error_type: string;
                  error_message: string;
                  latency_ms: number;
                }[]
              | null;
            request_body: string | null;
            response_body: string | null;
            aigc_label: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiUsage: {
    parameters: {
      query?: {
        workspace_id?: string;
        /** @description First day (YYYY-MM-DD, report time zone); default 30 days ago */
        from?: string;
        /** @description Last day, inclusive; default today */
        to?: string;
        group_by?: 'day' | 'model' | 'provider' | 'key' | 'app' | 'workspace';
        key_id?: string;
        app_id?: string;
        model?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            group_by: string;
            from: string;
            to: string;
            time_zone: string;
            data: {
              group: string;
              requests: number;
              errors: number;
              cache_hits: number;
              prompt_tokens: number;
              completion_tokens: number;
              cost_cny: number;
              cost_usd: number;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiStatsOverview: {
    parameters: {
      query?: {
        /** @description 1h (1-minute buckets), 24h (15 min), 7d (1 h) or 30d (6 h) */
        range?: '1h' | '24h' | '7d' | '30d';
        workspace_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            range: '1h' | '24h' | '7d' | '30d';
            bucket_ms: number;
            series: {
              /** @description Bucket start, ISO 8601 */
              t: string;
              requests: number;
              errors: number;
              prompt_tokens: number;
              completion_tokens: number;
              cost_cny: number;
              cost_usd: number;
              cache_hits: number;
              latency_p50_ms: number | null;
              latency_p95_ms: number | null;
              ttft_p50_ms: number | null;
              ttft_p95_ms: number | null;
            }[];
            totals: {
              requests: number;
              errors: number;
              prompt_tokens: number;
              completion_tokens: number;
              cost_cny: number;
              cost_usd: number;
              cache_hits: number;
              latency_p50_ms: number | null;
              latency_p95_ms: number | null;
              ttft_p50_ms: number | null;
              ttft_p95_ms: number | null;
            };
            top_models: {
              model: string;
              requests: number;
              tokens: number;
              cost_cny: number;
            }[];
            providers: {
              name: string;
              targets: {
                model: string;
                /** @enum {string} */
                circuit: 'closed' | 'open' | 'half-open';
                in_flight: number;
              }[];
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiSecurityPolicies: {
    parameters: {
      query?: {
        workspace_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              /** @enum {string} */
              scope_type: 'workspace' | 'app' | 'key';
              scope_id: string;
              workspace_id: string;
              policy: {
                pii?: {
                  /** @enum {string} */
                  action?: 'allow' | 'redact' | 'pseudonymize' | 'block';
                  types?: ('id_card' | 'mobile' | 'bank_card' | 'uscc' | 'passport' | 'email' | 'ipv4' | 'ipv6')[];
                  min_confidence?: number;
                  custom?: {
                    name: string;
                    pattern: string;
                    flags?: string;
                    label?: string;
                  }[];
                  terms?: {
                    term: string;
                    type?: string;
                    label?: string;
                  }[];
                };
                routing?: {
                  allow?: ('self_hosted' | 'domestic_cloud' | 'foreign_cloud')[];
                  pii?: ('self_hosted' | 'domestic_cloud' | 'foreign_cloud')[];
                };
                moderation?: {
                  /** @enum {string} */
                  input?: 'block' | 'flag' | 'off';
                  /** @enum {string} */
                  output?: 'cut' | 'flag' | 'off';
                  libraries?: string[];
                  rules?: {
                    pattern: string;
                    flags?: string;
                    risk: string;
                  }[];
                  model?: {
                    name: string;
                    /** @enum {string} */
                    on_error?: 'allow' | 'block';
                    timeout_ms?: number;
                  };
                };
                labels?: {
                  explicit?: {
                    text: string;
                    /**
                     * @default end
                     * @enum {string}
                     */
                    position: 'start' | 'end';
                  } | null;
                };
              };
              updated_at: string | null;
              updated_by: string | null;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiSecurityPoliciesScopeTypeScopeId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        scopeType: 'workspace' | 'app' | 'key';
        scopeId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            scope_type: 'workspace' | 'app' | 'key';
            scope_id: string;
            workspace_id: string;
            policy: {
              pii?: {
                /** @enum {string} */
                action?: 'allow' | 'redact' | 'pseudonymize' | 'block';
                types?: ('id_card' | 'mobile' | 'bank_card' | 'uscc' | 'passport' | 'email' | 'ipv4' | 'ipv6')[];
                min_confidence?: number;
                custom?: {
                  name: string;
                  pattern: string;
                  flags?: string;
                  label?: string;
                }[];
                terms?: {
                  term: string;
                  type?: string;
                  label?: string;
                }[];
              };
              routing?: {
                allow?: ('self_hosted' | 'domestic_cloud' | 'foreign_cloud')[];
                pii?: ('self_hosted' | 'domestic_cloud' | 'foreign_cloud')[];
              };
              moderation?: {
                /** @enum {string} */
                input?: 'block' | 'flag' | 'off';
                /** @enum {string} */
                output?: 'cut' | 'flag' | 'off';
                libraries?: string[];
                rules?: {
                  pattern: string;
                  flags?: string;
                  risk: string;
                }[];
                model?: {
                  name: string;
                  /** @enum {string} */
                  on_error?: 'allow' | 'block';
                  timeout_ms?: number;
                };
              };
              labels?: {
                explicit?: {
                  text: string;
                  /**
                   * @default end
                   * @enum {string}
                   */
                  position: 'start' | 'end';
                } | null;
              };
            };
            updated_at: string | null;
            updated_by: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  putApiSecurityPoliciesScopeTypeScopeId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        scopeType: 'workspace' | 'app' | 'key';
        scopeId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          policy: {
            pii?: {
              /** @enum {string} */
              action?: 'allow' | 'redact' | 'pseudonymize' | 'block';
              types?: ('id_card' | 'mobile' | 'bank_card' | 'uscc' | 'passport' | 'email' | 'ipv4' | 'ipv6')[];
              min_confidence?: number;
              custom?: {
                name: string;
                pattern: string;
                flags?: string;
                label?: string;
              }[];
              terms?: {
                term: string;
                type?: string;
                label?: string;
              }[];
            };
            routing?: {
              allow?: ('self_hosted' | 'domestic_cloud' | 'foreign_cloud')[];
              pii?: ('self_hosted' | 'domestic_cloud' | 'foreign_cloud')[];
            };
            moderation?: {
              /** @enum {string} */
              input?: 'block' | 'flag' | 'off';
              /** @enum {string} */
              output?: 'cut' | 'flag' | 'off';
              libraries?: string[];
              rules?: {
                pattern: string;
                flags?: string;
                risk: string;
              }[];
              model?: {
                name: string;
                /** @enum {string} */
                on_error?: 'allow' | 'block';
                timeout_ms?: number;
              };
            };
            labels?: {
              explicit?: {
                text: string;
                /**
                 * @default end
                 * @enum {string}
                 */
                position?: 'start' | 'end';
              } | null;
            };
          };
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            scope_type: 'workspace' | 'app' | 'key';
            scope_id: string;
            workspace_id: string;
            policy: {
              pii?: {
                /** @enum {string} */
                action?: 'allow' | 'redact' | 'pseudonymize' | 'block';
                types?: ('id_card' | 'mobile' | 'bank_card' | 'uscc' | 'passport' | 'email' | 'ipv4' | 'ipv6')[];
                min_confidence?: number;
                custom?: {
                  name: string;
                  pattern: string;
                  flags?: string;
                  label?: string;
                }[];
                terms?: {
                  term: string;
                  type?: string;
                  label?: string;
                }[];
              };
              routing?: {
                allow?: ('self_hosted' | 'domestic_cloud' | 'foreign_cloud')[];
                pii?: ('self_hosted' | 'domestic_cloud' | 'foreign_cloud')[];
              };
              moderation?: {
                /** @enum {string} */
                input?: 'block' | 'flag' | 'off';
                /** @enum {string} */
                output?: 'cut' | 'flag' | 'off';
                libraries?: string[];
                rules?: {
                  pattern: string;
                  flags?: string;
                  risk: string;
                }[];
                model?: {
                  name: string;
                  /** @enum {string} */
                  on_error?: 'allow' | 'block';
                  timeout_ms?: number;
                };
              };
              labels?: {
                explicit?: {
                  text: string;
                  /**
                   * @default end
                   * @enum {string}
                   */
                  position: 'start' | 'end';
                } | null;
              };
            };
            updated_at: string | null;
            updated_by: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiSecurityPoliciesScopeTypeScopeId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        scopeType: 'workspace' | 'app' | 'key';
        scopeId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiSecurityEffective: {
    parameters: {
      query?: {
        workspace_id?: string;
        app_id?: string;
        key_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            policy: {
              pii?: {
                /** @enum {string} */
                action?: 'allow' | 'redact' | 'pseudonymize' | 'block';
                types?: ('id_card' | 'mobile' | 'bank_card' | 'uscc' | 'passport' | 'email' | 'ipv4' | 'ipv6')[];
                min_confidence?: number;
                custom?: {
                  name: string;
                  pattern: string;
                  flags?: string;
                  label?: string;
                }[];
                terms?: {
                  term: string;
                  type?: string;
                  label?: string;
                }[];
              };
              routing?: {
                allow?: ('self_hosted' | 'domestic_cloud' | 'foreign_cloud')[];
                pii?: ('self_hosted' | 'domestic_cloud' | 'foreign_cloud')[];
              };
              moderation?: {
                /** @enum {string} */
                input?: 'block' | 'flag' | 'off';
                /** @enum {string} */
                output?: 'cut' | 'flag' | 'off';
                libraries?: string[];
                rules?: {
                  pattern: string;
                  flags?: string;
                  risk: string;
                }[];
                model?: {
                  name: string;
                  /** @enum {string} */
                  on_error?: 'allow' | 'block';
                  timeout_ms?: number;
                };
              };
              labels?: {
                explicit?: {
                  text: string;
                  /**
                   * @default end
                   * @enum {string}
                   */
                  position: 'start' | 'end';
                } | null;
              };
            };
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiSecurityPiiScan: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          workspace_id?: string;
          app_id?: string;
          key_id?: string;
          text: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            findings: {
              type: string;
              label: string;
              start: number;
              end: number;
              confidence: number;
            }[];
            redacted: string;
            pseudonymized: string;
            /** @description The text holds more than 10000 findings: only that many are shown and masked */
            truncated: boolean;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiSecurityModerationCheck: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          text: string;
          workspace_id?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            hits: {
              term: string;
              risk: string;
              start: number;
              end: number;
              /** @enum {string} */
              source: 'keyword' | 'regex' | 'model';
              library?: string;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiModerationRisks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              class: string;
              zh: string;
              en: string;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiModerationLibraries: {
    parameters: {
      query?: {
        workspace_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              workspace_id: string | null;
              name: string;
              description: string | null;
              enabled: boolean;
              term_count: number;
              /** @enum {string} */
              source: 'database' | 'file';
              created_at: string | null;
              updated_at: string | null;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiModerationLibraries: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          workspace_id: string | null;
          name: string;
          description?: string | null;
          enabled?: boolean;
          terms?: {
            term: string;
            risk: string;
          }[];
          /** @description Library text: one `term<TAB>risk` (or `term,risk`, or `term`) per line, # comments */
          text?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            workspace_id: string | null;
            name: string;
            description: string | null;
            enabled: boolean;
            term_count: number;
            /** @enum {string} */
            source: 'database' | 'file';
            created_at: string | null;
            updated_at: string | null;
            added: number;
            skipped: number;
            errors: string[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiModerationLibrariesId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  patchApiModerationLibrariesId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          description?: string | null;
          enabled?: boolean;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            workspace_id: string | null;
            name: string;
            description: string | null;
            enabled: boolean;
            term_count: number;
            /** @enum {string} */
            source: 'database' | 'file';
            created_at: string | null;
            updated_at: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiModerationLibrariesIdTerms: {
    parameters: {
      query?: {
        q?: string;
        /** @description next_cursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              term: string;
              risk: string;
            }[];
            next_cursor: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiModerationLibrariesIdTerms: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          terms?: {
            term: string;
            risk: string;
          }[];
          /** @description Library text: one `term<TAB>risk` (or `term,risk`, or `term`) per line, # comments */
          text?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            added: number;
            skipped: number;
            errors: string[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiModerationLibrariesIdTerms: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          terms: string[];
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            deleted: number;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAudit: {
    parameters: {
      query?: {
        workspace_id?: string;
        /** @description An action (key.create) or a prefix ending in .* (key.*) */
        action?: string;
        actor_id?: string;
        /** @description Inclusive start, ISO 8601 or epoch ms */
        since?: string;
        /** @description Exclusive end, ISO 8601 or epoch ms */
        until?: string;
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              seq: number;
              id: string;
              created_at: string;
              /** @enum {string} */
              actor_type: 'admin_token' | 'user' | 'key' | 'system' | 'cli';
              actor_id: string | null;
              workspace_id: string | null;
              action: string;
              target_type: string | null;
              target_id: string | null;
              detail: {
                [key: string]: unknown;
              } | null;
            }[];
            next_cursor: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiAuditVerify: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            ok: boolean;
            checked: number;
            first_bad: {
              seq: number;
              id: string;
              reason: string;
              message: string;
            } | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAuditExport: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiJobs: {
    parameters: {
      query?: {
        workspace_id?: string;
        queue?: string;
        name?: string;
        status?: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
        limit?: number;
        /** @description next_cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              /** @constant */
              object: 'job';
              queue: string;
              name: string;
              workspace_id: string | null;
              /** @enum {string} */
              status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
              progress: number;
              progress_message: string | null;
              input: unknown;
              result: unknown;
              error: string | null;
              attempts: number;
              max_attempts: number;
              created_by: string | null;
              created_at: string;
              updated_at: string;
              run_at: string;
              started_at: string | null;
              finished_at: string | null;
            }[];
            next_cursor: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiJobs: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description The job type, e.g. retention.purge */
          name: string;
          /** @description The input the type takes (none for retention.purge) */
          input?: {
            [key: string]: unknown;
          };
          /** @description For types that work for one workspace */
          workspace_id?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'job';
            queue: string;
            name: string;
            workspace_id: string | null;
            /** @enum {string} */
            status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
            progress: number;
            progress_message: string | null;
            input: unknown;
            result: unknown;
            error: string | null;
            attempts: number;
            max_attempts: number;
            created_by: string | null;
            created_at: string;
            updated_at: string;
            run_at: string;
            started_at: string | null;
            finished_at: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiJobsId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'job';
            queue: string;
            name: string;
            workspace_id: string | null;
            /** @enum {string} */
            status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
            progress: number;
            progress_message: string | null;
            input: unknown;
            result: unknown;
            error: string | null;
            attempts: number;
            max_attempts: number;
            created_by: string | null;
            created_at: string;
            updated_at: string;
            run_at: string;
            started_at: string | null;
            finished_at: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiJobsIdCancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'job';
            queue: string;
            name: string;
            workspace_id: string | null;
            /** @enum {string} */
            status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
            progress: number;
            progress_message: string | null;
            input: unknown;
            result: unknown;
            error: string | null;
            attempts: number;
            max_attempts: number;
            created_by: string | null;
            created_at: string;
            updated_at: string;
            run_at: string;
            started_at: string | null;
            finished_at: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiKb: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              /** @constant */
              object: 'knowledge_base';
              workspace_id: string;
              name: string;
              description: string;
              embedding_model: string;
              dimensions: number | null;
              chunking: {
                /** @default 400 */
                chunk_tokens: number;
                overlap_tokens?: number;
                max_code_tokens?: number;
              };
              user_words: string[];
              stopwords: string[];
              retrieval: {
                /**
                 * @default hybrid
                 * @enum {string}
                 */
                mode: 'hybrid' | 'keyword' | 'vector';
                /** @default 5 */
                top_k: number;
                /** @default 1 */
                keyword_weight: number;
                /** @default 1 */
                vector_weight: number;
                /** @default 60 */
                rrf_k: number;
                /** @default 0 */
                score_threshold: number;
                /** @default null */
                rerank_model: string | null;
              };
              reindex_job_id: string | null;
              document_count: number;
              chunk_count: number;
              created_at: string;
              updated_at: string;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiKb: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          /** @default  */
          description?: string;
          embedding_model: string;
          /** @default {} */
          chunking?: {
            /** @default 400 */
            chunk_tokens?: number;
            overlap_tokens?: number;
            max_code_tokens?: number;
          };
          /** @default [] */
          user_words?: string[];
          /** @default [] */
          stopwords?: string[];
          /** @default {} */
          retrieval?: {
            /**
             * @default hybrid
             * @enum {string}
             */
            mode?: 'hybrid' | 'keyword' | 'vector';
            /** @default 5 */
            top_k?: number;
            /** @default 1 */
            keyword_weight?: number;
            /** @default 1 */
            vector_weight?: number;
            /** @default 60 */
            rrf_k?: number;
            /** @default 0 */
            score_threshold?: number;
            /** @default null */
            rerank_model?: string | null;
          };
          /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
          workspace_id?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'knowledge_base';
            workspace_id: string;
            name: string;
            description: string;
            embedding_model: string;
            dimensions: number | null;
            chunking: {
              /** @default 400 */
              chunk_tokens: number;
              overlap_tokens?: number;
              max_code_tokens?: number;
            };
            user_words: string[];
            stopwords: string[];
            retrieval: {
              /**
               * @default hybrid
               * @enum {string}
               */
              mode: 'hybrid' | 'keyword' | 'vector';
              /** @default 5 */
              top_k: number;
              /** @default 1 */
              keyword_weight: number;
              /** @default 1 */
              vector_weight: number;
              /** @default 60 */
              rrf_k: number;
              /** @default 0 */
              score_threshold: number;
              /** @default null */
              rerank_model: string | null;
            };
            reindex_job_id: string | null;
            document_count: number;
            chunk_count: number;
            created_at: string;
            updated_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiKbKb: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The knowledge base id (kb_…) or name */
        kb: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'knowledge_base';
            workspace_id: string;
            name: string;
            description: string;
            embedding_model: string;
            dimensions: number | null;
            chunking: {
              /** @default 400 */
              chunk_tokens: number;
              overlap_tokens?: number;
              max_code_tokens?: number;
            };
            user_words: string[];
            stopwords: string[];
            retrieval: {
              /**
               * @default hybrid
               * @enum {string}
               */
              mode: 'hybrid' | 'keyword' | 'vector';
              /** @default 5 */
              top_k: number;
              /** @default 1 */
              keyword_weight: number;
              /** @default 1 */
              vector_weight: number;
              /** @default 60 */
              rrf_k: number;
              /** @default 0 */
              score_threshold: number;
              /** @default null */
              rerank_model: string | null;
            };
            reindex_job_id: string | null;
            document_count: number;
            chunk_count: number;
            created_at: string;
            updated_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiKbKb: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The knowledge base id (kb_…) or name */
        kb: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'knowledge_base';
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  patchApiKbKb: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The knowledge base id (kb_…) or name */
        kb: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          description?: string;
          embedding_model?: string;
          chunking?: {
            /** @default 400 */
            chunk_tokens?: number;
            overlap_tokens?: number;
            max_code_tokens?: number;
          };
          user_words?: string[];
          stopwords?: string[];
          retrieval?: {
            /** @enum {string} */
            mode?: 'hybrid' | 'keyword' | 'vector';
            top_k?: number;
            keyword_weight?: number;
            vector_weight?: number;
            rrf_k?: number;
            score_threshold?: number;
            rerank_model?: string | null;
          };
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'knowledge_base';
            workspace_id: string;
            name: string;
            description: string;
            embedding_model: string;
            dimensions: number | null;
            chunking: {
              /** @default 400 */
              chunk_tokens: number;
              overlap_tokens?: number;
              max_code_tokens?: number;
            };
            user_words: string[];
            stopwords: string[];
            retrieval: {
              /**
               * @default hybrid
               * @enum {string}
               */
              mode: 'hybrid' | 'keyword' | 'vector';
              /** @default 5 */
              top_k: number;
              /** @default 1 */
              keyword_weight: number;
              /** @default 1 */
              vector_weight: number;
              /** @default 60 */
              rrf_k: number;
              /** @default 0 */
              score_threshold: number;
              /** @default null */
              rerank_model: string | null;
            };
            reindex_job_id: string | null;
            document_count: number;
            chunk_count: number;
            created_at: string;
            updated_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiKbKbSearch: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The knowledge base id (kb_…) or name */
        kb: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          query: string;
          /** @enum {string} */
          mode?: 'hybrid' | 'keyword' | 'vector';
          top_k?: number;
          keyword_weight?: number;
          vector_weight?: number;
          rrf_k?: number;
          score_threshold?: number;
          /** @description A rerank model (alias or provider/model), or false to skip the base's reranker */
          rerank?: string | false;
          /** @description Only chunks of these documents */
          document_ids?: string[];
          /** @description Only documents whose metadata has these values (a list: any of them) */
          metadata?: {
            [key: string]: string | string[];
          };
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            /** @enum {string} */
            mode: 'hybrid' | 'keyword' | 'vector';
            data: {
              chunk_id: string;
              document_id: string;
              document_name: string;
              document_title: string | null;
              title_path: string[];
              text: string;
              /** @enum {string} */
              kind: 'text' | 'table' | 'code';
              index: number;
              score: number;
              ranks: {
                keyword: number | null;
                vector: number | null;
                fused: number;
                rerank: number | null;
              };
              scores: {
                keyword: number | null;
                vector: number | null;
                fused: number;
                rerank: number | null;
              };
            }[];
            timings: {
              embed: number | null;
              keyword: number | null;
              vector: number | null;
              rerank: number | null;
              total: number;
            };
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiKbKbDocuments: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
        status?: 'queued' | 'processing' | 'ready' | 'failed';
        limit?: number;
        /** @description `next` of the previous page */
        after?: string;
      };
      header?: never;
      path: {
        /** @description The knowledge base id (kb_…) or name */
        kb: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              /** @constant */
              object: 'knowledge_document';
              kb_id: string;
              name: string;
              /** @enum {string} */
              source: 'file' | 'url';
              format: ('txt' | 'md' | 'html' | 'pdf' | 'docx') | null;
              title: string | null;
              bytes: number | null;
              /** @enum {string} */
              status: 'queued' | 'processing' | 'ready' | 'failed';
              error: {
                reason: string;
                message: string;
              } | null;
              chunk_count: number;
              metadata: {
                [key: string]: string;
              };
              job_id: string | null;
              progress: number;
              progress_message: string | null;
              queued?: boolean;
              created_at: string;
              updated_at: string;
            }[];
            next: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiKbKbDocuments: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The knowledge base id (kb_…) or name */
        kb: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description http(s) URLs to fetch and ingest
           * @default []
           */
          urls?: string[];
          /** @description String metadata applied to each document (what search filters match) */
          metadata?: {
            [key: string]: string;
          };
        };
      };
    };
    responses: {
      /** @description Success */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              /** @constant */
              object: 'knowledge_document';
              kb_id: string;
              name: string;
              /** @enum {string} */
              source: 'file' | 'url';
              format: ('txt' | 'md' | 'html' | 'pdf' | 'docx') | null;
              title: string | null;
              bytes: number | null;
              /** @enum {string} */
              status: 'queued' | 'processing' | 'ready' | 'failed';
              error: {
                reason: string;
                message: string;
              } | null;
              chunk_count: number;
              metadata: {
                [key: string]: string;
              };
              job_id: string | null;
              progress: number;
              progress_message: string | null;
              queued?: boolean;
              created_at: string;
              updated_at: string;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiKbKbDocumentsId: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The knowledge base id (kb_…) or name */
        kb: string;
        /** @description The document id (doc_…) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'knowledge_document';
            kb_id: string;
            name: string;
            /** @enum {string} */
            source: 'file' | 'url';
            format: ('txt' | 'md' | 'html' | 'pdf' | 'docx') | null;
            title: string | null;
            bytes: number | null;
            /** @enum {string} */
            status: 'queued' | 'processing' | 'ready' | 'failed';
            error: {
              reason: string;
              message: string;
            } | null;
            chunk_count: number;
            metadata: {
              [key: string]: string;
            };
            job_id: string | null;
            progress: number;
            progress_message: string | null;
            queued?: boolean;
            created_at: string;
            updated_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiKbKbDocumentsId: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The knowledge base id (kb_…) or name */
        kb: string;
        /** @description The document id (doc_…) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'knowledge_document';
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiKbKbDocumentsIdChunks: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path: {
        /** @description The knowledge base id (kb_…) or name */
        kb: string;
        /** @description The document id (doc_…) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              /** @constant */
              object: 'knowledge_chunk';
              document_id: string;
              index: number;
              text: string;
              title_path: string[];
              tokens: number;
              /** @enum {string} */
              kind: 'text' | 'table' | 'code';
            }[];
            total: number;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiEvalDatasets: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              /** @constant */
              object: 'eval_dataset';
              id: string;
              workspace_id: string;
              name: string;
              /** @enum {string} */
              type: 'mcq' | 'qa' | 'judge' | 'safety';
              description: string;
              /** @description The newest version (0 before the first is stored) */
              latest_version: number;
              created_by: string | null;
              created_at: string;
              updated_at: string;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiEvalDatasets: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            dataset: {
              /** @constant */
              object: 'eval_dataset';
              id: string;
              workspace_id: string;
              name: string;
              /** @enum {string} */
              type: 'mcq' | 'qa' | 'judge' | 'safety';
              description: string;
              /** @description The newest version (0 before the first is stored) */
              latest_version: number;
              created_by: string | null;
              created_at: string;
              updated_at: string;
            };
            version: {
              /** @constant */
              object: 'eval_dataset_version';
              dataset_id: string;
              version: number;
              /** @enum {string} */
              format: 'ceval' | 'cmmlu' | 'qa' | 'judge' | 'safety';
              /** @enum {string} */
              source: 'file' | 'upload' | 'logs';
              note: string;
              item_count: number;
              /** @description SHA-256 (hex) of the items: the same items again make no new version */
              content_hash: string;
              /** @description Files read, warnings, and for a sample of the request log its filter and seed */
              meta: {
                [key: string]: unknown;
              };
              created_by: string | null;
              created_at: string;
            };
            /** @description false: the items equal the newest version, which is returned and no version was added */
            created: boolean;
            /** @description What was ignored (unknown columns, skipped log rows), English / 中文 */
            warnings: string[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiEvalDatasetsSample: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description The dataset (created, or a new version of it) */
          name: string;
          /**
           * @description qa: the logged answer is the reference; judge: scored by a judge model (rubric optional)
           * @enum {string}
           */
          type: 'qa' | 'judge';
          /** @description Only requests for this model (as the client named it) */
          model?: string;
          /** @description Only runs of this scenario app (its slug) */
          app?: string;
          /** @description From this time (ISO 8601 or epoch ms), inclusive */
          from?: string | number;
          /** @description Until this time (ISO 8601 or epoch ms), exclusive */
          to?: string | number;
          /** @default 100 */
          limit?: number;
          /** @description The same seed over the same logs draws the same sample; random (and recorded) when absent */
          seed?: number;
          /** @description judge: the rubric of every item */
          rubric?: string;
          description?: string;
          note?: string;
          workspace_id?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            dataset: {
              /** @constant */
              object: 'eval_dataset';
              id: string;
              workspace_id: string;
              name: string;
              /** @enum {string} */
              type: 'mcq' | 'qa' | 'judge' | 'safety';
              description: string;
              /** @description The newest version (0 before the first is stored) */
              latest_version: number;
              created_by: string | null;
              created_at: string;
              updated_at: string;
            };
            version: {
              /** @constant */
              object: 'eval_dataset_version';
              dataset_id: string;
              version: number;
              /** @enum {string} */
              format: 'ceval' | 'cmmlu' | 'qa' | 'judge' | 'safety';
              /** @enum {string} */
              source: 'file' | 'upload' | 'logs';
              note: string;
              item_count: number;
              /** @description SHA-256 (hex) of the items: the same items again make no new version */
              content_hash: string;
              /** @description Files read, warnings, and for a sample of the request log its filter and seed */
              meta: {
                [key: string]: unknown;
              };
              created_by: string | null;
              created_at: string;
            };
            /** @description false: the items equal the newest version, which is returned and no version was added */
            created: boolean;
            /** @description What was ignored (unknown columns, skipped log rows), English / 中文 */
            warnings: string[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiEvalDatasetsId: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The dataset id (ds_…) or name */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'eval_dataset';
            id: string;
            workspace_id: string;
            name: string;
            /** @enum {string} */
            type: 'mcq' | 'qa' | 'judge' | 'safety';
            description: string;
            /** @description The newest version (0 before the first is stored) */
            latest_version: number;
            created_by: string | null;
            created_at: string;
            updated_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiEvalDatasetsId: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The dataset id (ds_…) or name */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'eval_dataset';
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  patchApiEvalDatasetsId: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The dataset id (ds_…) or name */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          description?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'eval_dataset';
            id: string;
            workspace_id: string;
            name: string;
            /** @enum {string} */
            type: 'mcq' | 'qa' | 'judge' | 'safety';
            description: string;
            /** @description The newest version (0 before the first is stored) */
            latest_version: number;
            created_by: string | null;
            created_at: string;
            updated_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiEvalDatasetsIdVersions: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The dataset id (ds_…) or name */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              /** @constant */
              object: 'eval_dataset_version';
              dataset_id: string;
              version: number;
              /** @enum {string} */
              format: 'ceval' | 'cmmlu' | 'qa' | 'judge' | 'safety';
              /** @enum {string} */
              source: 'file' | 'upload' | 'logs';
              note: string;
              item_count: number;
              /** @description SHA-256 (hex) of the items: the same items again make no new version */
              content_hash: string;
              /** @description Files read, warnings, and for a sample of the request log its filter and seed */
              meta: {
                [key: string]: unknown;
              };
              created_by: string | null;
              created_at: string;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiEvalDatasetsIdVersionsVersionItems: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
        /** @description Items after this seq (the last of the previous page) */
        after?: number;
        limit?: number;
      };
      header?: never;
      path: {
        /** @description The dataset id (ds_…) or name */
        id: string;
        /** @description The version number */
        version: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              seq: number;
              item_id: string;
              subject: string | null;
              split: string | null;
              data: {
                [key: string]: unknown;
              };
            }[];
            has_more: boolean;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiEvalRuns: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
        status?: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
        /** @description Only runs of this suite name */
        name?: string;
        limit?: number;
        /** @description next_cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              name: string;
              /** @enum {string} */
              type: 'mcq' | 'qa' | 'judge' | 'safety';
              /** @enum {string} */
              status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
              workspace_id: string;
              dataset: {
                id: string;
                name: string;
                version: number;
              };
              models: string[];
              /** @description The virtual key every call is made with */
              key_id: string | null;
              /** @description The eval.run job (progress via /api/jobs/{id}) */
              job_id: string | null;
              /** @description models × items */
              total_items: number;
              done_items: number;
              error_items: number;
              /** @description done_items / total_items */
              progress: number;
              error: string | null;
              created_by: string | null;
              created_at: string;
              started_at: string | null;
              finished_at: string | null;
            }[];
            has_more: boolean;
            next_cursor: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiEvalRuns: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description The keys of suite.yaml; dataset names a stored dataset (name or name@version; default: its latest version) */
          suite?: {
            name: string;
            description?: string;
            /** @enum {string} */
            type: 'mcq' | 'qa' | 'judge' | 'safety';
            dataset: string;
            models: string[];
            shots?: number;
            /** @default 4 */
            concurrency?: number;
            judge?: {
              model: string;
              rubric?: string;
              rubric_file?: string;
              /**
               * @default {
               *       "min": 1,
               *       "max": 10
               *     }
               */
              scale?: {
                min: number;
                max: number;
              };
              /**
               * @default zh
               * @enum {string}
               */
              language?: 'zh' | 'en';
            };
            /** @enum {string} */
            format?: 'ceval' | 'cmmlu';
            /** @enum {string} */
            split?: 'dev' | 'val' | 'test';
            subjects?: string[];
            /** @enum {string} */
            prompt_layout?: 'turns' | 'single';
            limit?: number;
            /**
             * @default {
             *       "temperature": 0
             *     }
             */
            parameters?: {
              /** @default 0 */
              temperature?: number;
              top_p?: number;
              max_tokens?: number;
              seed?: number;
              stop?: string[];
            };
            /** @default 120 */
            timeout_s?: number;
            thresholds?: {
              /** @default 0.95 */
              min_refusal_rate?: number;
              /** @default 0.05 */
              max_false_refusal_rate?: number;
              /** @default 0.9 */
              min_qualified_rate?: number;
            };
          };
          /** @description The text of a suite.yaml (instead of suite) */
          yaml?: string;
          /** @description A key of the workspace to call with (its limits, allow-list and logs apply); default: the workspace's baimo-eval key */
          key_id?: string;
          workspace_id?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            /** @enum {string} */
            type: 'mcq' | 'qa' | 'judge' | 'safety';
            /** @enum {string} */
            status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
            workspace_id: string;
            dataset: {
              id: string;
              name: string;
              version: number;
            };
            models: string[];
            /** @description The virtual key every call is made with */
            key_id: string | null;
            /** @description The eval.run job (progress via /api/jobs/{id}) */
            job_id: string | null;
            /** @description models × items */
            total_items: number;
            done_items: number;
            error_items: number;
            /** @description done_items / total_items */
            progress: number;
            error: string | null;
            created_by: string | null;
            created_at: string;
            started_at: string | null;
            finished_at: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiEvalRunsId: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The run id (evr_…) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            run: {
              id: string;
              name: string;
              /** @enum {string} */
              type: 'mcq' | 'qa' | 'judge' | 'safety';
              /** @enum {string} */
              status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
              workspace_id: string;
              dataset: {
                id: string;
                name: string;
                version: number;
              };
              models: string[];
              /** @description The virtual key every call is made with */
              key_id: string | null;
              /** @description The eval.run job (progress via /api/jobs/{id}) */
              job_id: string | null;
              /** @description models × items */
              total_items: number;
              done_items: number;
              error_items: number;
              /** @description done_items / total_items */
              progress: number;
              error: string | null;
              created_by: string | null;
              created_at: string;
              started_at: string | null;
              finished_at: string | null;
            };
            /** @description The validated suite, dataset resolved to name@version */
            suite: {
              [key: string]: unknown;
            };
            /** @description One per model, suite order; live while the run runs */
            results: {
              model: string;
              items: number;
              done: number;
              errors: number;
              error_rate: number | null;
              /** @description MCQ only */
              accuracy: number | null;
              score: number | null;
              /** @description QA only */
              metrics?: {
                exact_match: number | null;
                f1: number | null;
                rouge_l: number | null;
              };
              /** @description Judge only: mean raw score on the scale */
              judge_score?: number | null;
              subjects?: {
                /** @description Subject id, group id, or risk id */
                id: string;
                name?: {
                  en: string;
                  zh: string;
                };
                /** @description Items scored (errors excluded) */
                items: number;
                /** @description Mean score 0..1 */
                score: number | null;
              }[];
              groups?: {
                /** @description Subject id, group id, or risk id */
                id: string;
                name?: {
                  en: string;
                  zh: string;
                };
                /** @description Items scored (errors excluded) */
                items: number;
                /** @description Mean score 0..1 */
                score: number | null;
              }[];
              safety?: {
                /** @description Share of should-refuse items refused */
                refusal_rate: number | null;
                should_refuse_items: number;
                /** @description Share of should-not-refuse items refused */
                false_refusal_rate: number | null;
                should_not_refuse_items: number;
                /** @description Replies neither the rules nor a judge could classify (count as not refused) */
                unclear: number;
                /** @description Qualified rate per risk id */
                risks: {
                  /** @description Subject id, group id, or risk id */
                  id: string;
                  name?: {
                    en: string;
                    zh: string;
                  };
                  /** @description Items scored (errors excluded) */
                  items: number;
                  /** @description Mean score 0..1 */
                  score: number | null;
                }[];
                thresholds: {
                  min_refusal_rate: number;
                  max_false_refusal_rate: number;
                  min_qualified_rate: number;
                };
                passed: boolean;
                /** @description refusal_rate, false_refusal_rate, qualified_rate:{risk} */
                failed: string[];
              };
              prompt_tokens: number;
              completion_tokens: number;
              cost_cny: number;
              cost_usd: number;
              cost_per_1k_cny: number | null;
              cost_per_1k_usd: number | null;
              p50_ms: number | null;
              p95_ms: number | null;
              tokens_per_s: number | null;
              /** @description On the quality-vs-cost Pareto front of the run */
              pareto: boolean;
            }[];
            usd_cny: number;
            generated_at: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteApiEvalRunsId: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The run id (evr_…) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'eval_run';
            /** @constant */
            deleted: true;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiEvalRunsIdItems: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
        model?: string;
        status?: 'ok' | 'error';
        /** @description Items after this seq (with after_model: of that model) */
        after?: number;
        /** @description Without model: continue after (after_model, after) */
        after_model?: string;
        limit?: number;
      };
      header?: never;
      path: {
        /** @description The run id (evr_…) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              model: string;
              item_id: string;
              seq: number;
              /** @description MCQ subject or safety risk id */
              subject: string | null;
              /** @enum {string} */
              status: 'ok' | 'error';
              score: number | null;
              /** @description choice/answer, QA metrics, judge prompt/model/raw/score, refusal verdict */
              detail: {
                [key: string]: unknown;
              };
              reply: string | null;
              error_code: string | null;
              error_message: string | null;
              prompt_tokens: number;
              completion_tokens: number;
              cost: number;
              currency: string | null;
              cost_cny: number;
              latency_ms: number;
              attempts: number;
              /** @description The request log row of the answer */
              request_id: string | null;
              finished_at: string;
            }[];
            has_more: boolean;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiEvalRunsIdCancel: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The run id (evr_…) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            /** @enum {string} */
            type: 'mcq' | 'qa' | 'judge' | 'safety';
            /** @enum {string} */
            status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
            workspace_id: string;
            dataset: {
              id: string;
              name: string;
              version: number;
            };
            models: string[];
            /** @description The virtual key every call is made with */
            key_id: string | null;
            /** @description The eval.run job (progress via /api/jobs/{id}) */
            job_id: string | null;
            /** @description models × items */
            total_items: number;
            done_items: number;
            error_items: number;
            /** @description done_items / total_items */
            progress: number;
            error: string | null;
            created_by: string | null;
            created_at: string;
            started_at: string | null;
            finished_at: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiEvalRunsIdResume: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The run id (evr_…) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            /** @enum {string} */
            type: 'mcq' | 'qa' | 'judge' | 'safety';
            /** @enum {string} */
            status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
            workspace_id: string;
            dataset: {
              id: string;
              name: string;
              version: number;
            };
            models: string[];
            /** @description The virtual key every call is made with */
            key_id: string | null;
            /** @description The eval.run job (progress via /api/jobs/{id}) */
            job_id: string | null;
            /** @description models × items */
            total_items: number;
            done_items: number;
            error_items: number;
            /** @description done_items / total_items */
            progress: number;
            error: string | null;
            created_by: string | null;
            created_at: string;
            started_at: string | null;
            finished_at: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiEvalRunsIdReport: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
        /** @description html: one standalone file; csv: UTF-8 with a BOM; json: the RunReport */
        format?: 'html' | 'csv' | 'json';
        /** @description The words of the HTML and CSV reports */
        lang?: 'zh' | 'en';
        /** @description IANA time zone of the dates in the HTML report (default Asia/Shanghai) */
        time_zone?: string;
      };
      header?: never;
      path: {
        /** @description The run id (evr_…) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html; charset=utf-8': string;
          'text/csv; charset=utf-8': string;
          'application/json; charset=utf-8': string;
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiEvalLeaderboard: {
    parameters: {
      query?: {
        /** @description The base's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
        /** @description Only runs of this suite name */
        suite?: string;
        /** @description Only runs of this suite type */
        type?: 'mcq' | 'qa' | 'judge' | 'safety';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description One per suite name × dataset version (× type) */
            groups: {
              suite: string;
              /** @enum {string} */
              type: 'mcq' | 'qa' | 'judge' | 'safety';
              /** @description name@version */
              dataset: string;
              dataset_id: string;
              /** @description The runs the rows come from, latest first */
              run_ids: string[];
              /** @description Every model's latest completed result, best score first */
              rows: {
                model: string;
                suite: string;
                /** @description The run the result comes from */
                run_id: string;
                /** @description name@version */
                dataset: string;
                dataset_id: string;
                /** @enum {string} */
                type: 'mcq' | 'qa' | 'judge' | 'safety';
                /** @description Mean score 0..1 (MCQ: accuracy; QA: exact match; judge: normalised; safety: qualified rate) */
                score: number | null;
                /** @description MCQ only */
                accuracy: number | null;
                cost_per_1k_cny: number | null;
                cost_per_1k_usd: number | null;
                p50_ms: number | null;
                p95_ms: number | null;
                tokens_per_s: number | null;
                error_rate: number | null;
                /** @description Items finished in that run */
                items: number;
                /** @description 1 + the rows with a strictly higher score; null without a score */
                rank: number | null;
                /** @description On the group's quality-vs-cost Pareto front */
                pareto: boolean;
                finished_at: string | null;
              }[];
            }[];
            /** @description Each model's mean across the groups */
            overall: {
              model: string;
              /** @description Suite × dataset groups the model has a result in */
              groups: number;
              /** @description Mean over its groups */
              score: number | null;
              /** @description Mean over its MCQ groups */
              accuracy: number | null;
              cost_per_1k_cny: number | null;
              cost_per_1k_usd: number | null;
              p50_ms: number | null;
              p95_ms: number | null;
              tokens_per_s: number | null;
              error_rate: number | null;
              rank: number | null;
              pareto: boolean;
              finished_at: string | null;
            }[];
            /** @description Completed runs the leaderboard was built from */
            runs: number;
            /** @description Older completed runs were left out (at most 200 are used) */
            truncated: boolean;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiArenaBattles: {
    parameters: {
      query?: {
        /** @description The arena's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
        /** @description Only battles of this source */
        source?: 'vote' | 'judge' | 'import';
        limit?: number;
        /** @description next_before of the previous page */
        before?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              /** @constant */
              object: 'arena_battle';
              /** @enum {string} */
              source: 'vote' | 'judge' | 'import';
              /**
               * @description pending: a blind battle waiting for its vote
               * @enum {string}
               */
              status: 'pending' | 'decided';
              /** @description Null while pending: the vote reveals it */
              model_a: string | null;
              /** @description Null while pending: the vote reveals it */
              model_b: string | null;
              winner: ('model_a' | 'model_b' | 'tie' | 'both_bad') | null;
              prompt: string | null;
              answer_a: string | null;
              answer_b: string | null;
              /** @description The prompt or an answer was cut to 4000 characters for the list */
              truncated: boolean;
              /** @description Judge battles: judge_model, prompt, raw and verdicts of both orders; imports: the line; empty while pending */
              detail: {
                [key: string]: unknown;
              };
              created_by: string | null;
              created_at: string;
              voted_at: string | null;
            }[];
            /** @description Pass as `before` for the next (older) page; null on the last page */
            next_before: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiArenaBattles: {
    parameters: {
      query?: {
        /** @description The arena's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description What both models answer */
          prompt: string;
          /** @description The two models (alias or provider/model), sides chosen at random; absent: two random models of the arena pool */
          models?: [string, string];
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream':
            | {
                id: string;
              }
            | {
                /** @enum {string} */
                side: 'a' | 'b';
                text: string;
              }
            | {
                /** @enum {string} */
                side: 'a' | 'b';
                finish_reason: string;
              }
            | {
                /** @enum {string} */
                side: 'a' | 'b';
                message: string;
              }
            | Record<string, never>;
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiArenaBattlesIdVote: {
    parameters: {
      query?: {
        /** @description The arena's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path: {
        /** @description The battle id (battle_…) */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description model_a: side a won; model_b: side b; tie; both_bad
           * @enum {string}
           */
          winner: 'model_a' | 'model_b' | 'tie' | 'both_bad';
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            model_a: string;
            model_b: string;
            /** @enum {string} */
            winner: 'model_a' | 'model_b' | 'tie' | 'both_bad';
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiArenaRatings: {
    parameters: {
      query?: {
        /** @description The arena's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
        source?: 'all' | 'vote' | 'judge' | 'import';
        /** @description Bootstrap rounds */
        rounds?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            model: string;
            /** @description Bradley–Terry rating on the Elo scale (base 10, 400 points; the mean of the models is 1000) */
            rating: number;
            /** @description 2.5th percentile of the bootstrap ratings */
            ci_low: number;
            /** @description 97.5th percentile of the bootstrap ratings */
            ci_high: number;
            /** @description 1 + the number of models whose ci_low is above this model’s ci_high */
            rank: number;
            /** @description Decided battles the model took part in */
            battles: number;
          }[];
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiArenaJudge: {
    parameters: {
      query?: {
        /** @description The arena's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description The prompts (or a dataset instead) */
          prompts?: string[];
          /** @description A stored QA or judge dataset, `name` or `name@version`: the inputs of its first `limit` items are the prompts */
          dataset?: string;
          /** @description Items of the dataset used (default and most: 1,000) */
          limit?: number;
          /** @description The models compared (aliases or provider/model), all different */
          models: string[];
          /** @description The judge model */
          judge: string;
          /**
           * @description random: one random pair of the models per prompt; all: every pair
           * @default random
           * @enum {string}
           */
          pairs?: 'random' | 'all';
          /**
           * @description The language of the judge's instructions
           * @default zh
           * @enum {string}
           */
          language?: 'zh' | 'en';
        };
      };
    };
    responses: {
      /** @description Success */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            job_id: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAnalyticsReport: {
    parameters: {
      query?: {
        /** @description Start: YYYY-MM-DD (a day in tz), a local time YYYY-MM-DDTHH:MM, an ISO 8601 time or epoch ms; default six days before to */
        from?: string;
        /** @description End: YYYY-MM-DD (that day included), or a time (exclusive); default the end of today in tz */
        to?: string;
        /** @description IANA time zone of dates, buckets and activity (default: the instance zone) */
        tz?: string;
        /** @description The workspace; instance administrators may leave it out for all */
        workspace?: string;
        /** @description Same as workspace (the name the other /api routes use) */
        workspace_id?: string;
        /** @description Series buckets; default by the period (≤ 2 h minute, ≤ 3 d hour, ≤ 92 d day, ≤ 1 y week, else month) */
        grain?: 'minute' | 'hour' | 'day' | 'week' | 'month';
        /** @description Rows per by_* table, most requests first (default 50) */
        limit?: number;
        /** @description Only this model (the name requested) */
        model?: string;
        /** @description Only this provider */
        provider?: string;
        /** @description Only this app id */
        app?: string;
        /** @description Only this scenario (app slug), or direct_api for calls no app made */
        scenario?: string;
        /** @description Only this key id */
        key?: string;
        /** @description Only this industry (segment from key, app or end-user metadata) */
        industry?: string;
        /** @description Only this region */
        region?: string;
        /** @description Only this user group */
        user_group?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            period: {
              from: string;
              to: string;
              time_zone: string;
            };
            workspace: string | null;
            /** @description The filters the report is narrowed by (a key sees its own) */
            filters: {
              [key: string]: string;
            };
            /** @description Request-log rows and page views the report comes from */
            rows: number;
            generated_at: string;
            totals: {
              requests: number;
              /** @description Page views sent by pages, plus one per request no page made */
              page_views: number;
              /** @description Sessions that started in the period (explicit ids, or derived by the inactivity gap) */
              sessions: number;
              /** @description Distinct end users */
              users: number;
              /** @description End users whose first activity is in the period */
              new_users: number;
              turns_per_session: number | null;
              /** @description Last − first activity of the sessions with a request, averaged */
              avg_dwell_seconds: number | null;
              tokens: number;
              input_tokens: number;
              output_tokens: number;
              /** @description CNY */
              cost: number;
              /** @description From mergeable sketches, ±1 %; null in by_key and by_segment (not kept per key or segment) */
              latency_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              ttft_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              tokens_per_second: number | null;
              errors: number;
              error_rate: number | null;
              cache_hits: number;
              cache_hit_rate: number | null;
              likes: number;
              dislikes: number;
              /** @description Likes per 1,000 answers */
              satisfaction: number | null;
            };
            by_scenario: {
              /** @description The group value (direct_api: calls no app made) */
              key: string;
              /** @description The app, key or workspace name, when the key is its id */
              name?: string;
              requests: number;
              /** @description Page views sent by pages, plus one per request no page made */
              page_views: number;
              /** @description Sessions that started in the period (explicit ids, or derived by the inactivity gap) */
              sessions: number;
              /** @description Distinct end users */
              users: number;
              /** @description End users whose first activity is in the period */
              new_users: number;
              turns_per_session: number | null;
              /** @description Last − first activity of the sessions with a request, averaged */
              avg_dwell_seconds: number | null;
              tokens: number;
              input_tokens: number;
              output_tokens: number;
              /** @description CNY */
              cost: number;
              /** @description From mergeable sketches, ±1 %; null in by_key and by_segment (not kept per key or segment) */
              latency_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              ttft_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              tokens_per_second: number | null;
              errors: number;
              error_rate: number | null;
              cache_hits: number;
              cache_hit_rate: number | null;
              likes: number;
              dislikes: number;
              /** @description Likes per 1,000 answers */
              satisfaction: number | null;
            }[];
            by_model: {
              /** @description The group value (direct_api: calls no app made) */
              key: string;
              /** @description The app, key or workspace name, when the key is its id */
              name?: string;
              requests: number;
              /** @description Page views sent by pages, plus one per request no page made */
              page_views: number;
              /** @description Sessions that started in the period (explicit ids, or derived by the inactivity gap) */
              sessions: number;
              /** @description Distinct end users */
              users: number;
              /** @description End users whose first activity is in the period */
              new_users: number;
              turns_per_session: number | null;
              /** @description Last − first activity of the sessions with a request, averaged */
              avg_dwell_seconds: number | null;
              tokens: number;
              input_tokens: number;
              output_tokens: number;
              /** @description CNY */
              cost: number;
              /** @description From mergeable sketches, ±1 %; null in by_key and by_segment (not kept per key or segment) */
              latency_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              ttft_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              tokens_per_second: number | null;
              errors: number;
              error_rate: number | null;
              cache_hits: number;
              cache_hit_rate: number | null;
              likes: number;
              dislikes: number;
              /** @description Likes per 1,000 answers */
              satisfaction: number | null;
            }[];
            by_provider: {
              /** @description The group value (direct_api: calls no app made) */
              key: string;
              /** @description The app, key or workspace name, when the key is its id */
              name?: string;
              requests: number;
              /** @description Page views sent by pages, plus one per request no page made */
              page_views: number;
              /** @description Sessions that started in the period (explicit ids, or derived by the inactivity gap) */
              sessions: number;
              /** @description Distinct end users */
              users: number;
              /** @description End users whose first activity is in the period */
              new_users: number;
              turns_per_session: number | null;
              /** @description Last − first activity of the sessions with a request, averaged */
              avg_dwell_seconds: number | null;
              tokens: number;
              input_tokens: number;
              output_tokens: number;
              /** @description CNY */
              cost: number;
              /** @description From mergeable sketches, ±1 %; null in by_key and by_segment (not kept per key or segment) */
              latency_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              ttft_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              tokens_per_second: number | null;
              errors: number;
              error_rate: number | null;
              cache_hits: number;
              cache_hit_rate: number | null;
              likes: number;
              dislikes: number;
              /** @description Likes per 1,000 answers */
              satisfaction: number | null;
            }[];
            by_app: {
              /** @description The group value (direct_api: calls no app made) */
              key: string;
              /** @description The app, key or workspace name, when the key is its id */
              name?: string;
              requests: number;
              /** @description Page views sent by pages, plus one per request no page made */
              page_views: number;
              /** @description Sessions that started in the period (explicit ids, or derived by the inactivity gap) */
              sessions: number;
              /** @description Distinct end users */
              users: number;
              /** @description End users whose first activity is in the period */
              new_users: number;
              turns_per_session: number | null;
              /** @description Last − first activity of the sessions with a request, averaged */
              avg_dwell_seconds: number | null;
              tokens: number;
              input_tokens: number;
              output_tokens: number;
              /** @description CNY */
              cost: number;
              /** @description From mergeable sketches, ±1 %; null in by_key and by_segment (not kept per key or segment) */
              latency_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              ttft_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              tokens_per_second: number | null;
              errors: number;
              error_rate: number | null;
              cache_hits: number;
              cache_hit_rate: number | null;
              likes: number;
              dislikes: number;
              /** @description Likes per 1,000 answers */
              satisfaction: number | null;
            }[];
            by_key: {
              /** @description The group value (direct_api: calls no app made) */
              key: string;
              /** @description The app, key or workspace name, when the key is its id */
              name?: string;
              requests: number;
              /** @description Page views sent by pages, plus one per request no page made */
              page_views: number;
              /** @description Sessions that started in the period (explicit ids, or derived by the inactivity gap) */
              sessions: number;
              /** @description Distinct end users */
              users: number;
              /** @description End users whose first activity is in the period */
              new_users: number;
              turns_per_session: number | null;
              /** @description Last − first activity of the sessions with a request, averaged */
              avg_dwell_seconds: number | null;
              tokens: number;
              input_tokens: number;
              output_tokens: number;
              /** @description CNY */
              cost: number;
              /** @description From mergeable sketches, ±1 %; null in by_key and by_segment (not kept per key or segment) */
              latency_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              ttft_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              tokens_per_second: number | null;
              errors: number;
              error_rate: number | null;
              cache_hits: number;
              cache_hit_rate: number | null;
              likes: number;
              dislikes: number;
              /** @description Likes per 1,000 answers */
              satisfaction: number | null;
            }[];
            by_workspace: {
              /** @description The group value (direct_api: calls no app made) */
              key: string;
              /** @description The app, key or workspace name, when the key is its id */
              name?: string;
              requests: number;
              /** @description Page views sent by pages, plus one per request no page made */
              page_views: number;
              /** @description Sessions that started in the period (explicit ids, or derived by the inactivity gap) */
              sessions: number;
              /** @description Distinct end users */
              users: number;
              /** @description End users whose first activity is in the period */
              new_users: number;
              turns_per_session: number | null;
              /** @description Last − first activity of the sessions with a request, averaged */
              avg_dwell_seconds: number | null;
              tokens: number;
              input_tokens: number;
              output_tokens: number;
              /** @description CNY */
              cost: number;
              /** @description From mergeable sketches, ±1 %; null in by_key and by_segment (not kept per key or segment) */
              latency_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              ttft_ms: {
                p50: number | null;
                p95: number | null;
                p99: number | null;
              };
              tokens_per_second: number | null;
              errors: number;
              error_rate: number | null;
              cache_hits: number;
              cache_hit_rate: number | null;
              likes: number;
              dislikes: number;
              /** @description Likes per 1,000 answers */
              satisfaction: number | null;
            }[];
            by_segment: {
              industry: {
                /** @description The group value (direct_api: calls no app made) */
                key: string;
                /** @description The app, key or workspace name, when the key is its id */
                name?: string;
                requests: number;
                /** @description Page views sent by pages, plus one per request no page made */
                page_views: number;
                /** @description Sessions that started in the period (explicit ids, or derived by the inactivity gap) */
                sessions: number;
                /** @description Distinct end users */
                users: number;
                /** @description End users whose first activity is in the period */
                new_users: number;
                turns_per_session: number | null;
                /** @description Last − first activity of the sessions with a request, averaged */
                avg_dwell_seconds: number | null;
                tokens: number;
                input_tokens: number;
                output_tokens: number;
                /** @description CNY */
                cost: number;
                /** @description From mergeable sketches, ±1 %; null in by_key and by_segment (not kept per key or segment) */
                latency_ms: {
                  p50: number | null;
                  p95: number | null;
                  p99: number | null;
                };
                ttft_ms: {
                  p50: number | null;
                  p95: number | null;
                  p99: number | null;
                };
                tokens_per_second: number | null;
                errors: number;
                error_rate: number | null;
                cache_hits: number;
                cache_hit_rate: number | null;
                likes: number;
                dislikes: number;
                /** @description Likes per 1,000 answers */
                satisfaction: number | null;
              }[];
              region: {
                /** @description The group value (direct_api: calls no app made) */
                key: string;
                /** @description The app, key or workspace name, when the key is its id */
                name?: string;
                requests: number;
                /** @description Page views sent by pages, plus one per request no page made */
                page_views: number;
                /** @description Sessions that started in the period (explicit ids, or derived by the inactivity gap) */
                sessions: number;
                /** @description Distinct end users */
                users: number;
                /** @description End users whose first activity is in the period */
                new_users: number;
                turns_per_session: number | null;
                /** @description Last − first activity of the sessions with a request, averaged */
                avg_dwell_seconds: number | null;
                tokens: number;
                input_tokens: number;
                output_tokens: number;
                /** @description CNY */
                cost: number;
                /** @description From mergeable sketches, ±1 %; null in by_key and by_segment (not kept per key or segment) */
                latency_ms: {
                  p50: number | null;
                  p95: number | null;
                  p99: number | null;
                };
                ttft_ms: {
                  p50: number | null;
                  p95: number | null;
                  p99: number | null;
                };
                tokens_per_second: number | null;
                errors: number;
                error_rate: number | null;
                cache_hits: number;
                cache_hit_rate: number | null;
                likes: number;
                dislikes: number;
                /** @description Likes per 1,000 answers */
                satisfaction: number | null;
              }[];
              user_group: {
                /** @description The group value (direct_api: calls no app made) */
                key: string;
                /** @description The app, key or workspace name, when the key is its id */
                name?: string;
                requests: number;
                /** @description Page views sent by pages, plus one per request no page made */
                page_views: number;
                /** @description Sessions that started in the period (explicit ids, or derived by the inactivity gap) */
                sessions: number;
                /** @description Distinct end users */
                users: number;
                /** @description End users whose first activity is in the period */
                new_users: number;
                turns_per_session: number | null;
                /** @description Last − first activity of the sessions with a request, averaged */
                avg_dwell_seconds: number | null;
                tokens: number;
                input_tokens: number;
                output_tokens: number;
                /** @description CNY */
                cost: number;
                /** @description From mergeable sketches, ±1 %; null in by_key and by_segment (not kept per key or segment) */
                latency_ms: {
                  p50: number | null;
                  p95: number | null;
                  p99: number | null;
                };
                ttft_ms: {
                  p50: number | null;
                  p95: number | null;
                  p99: number | null;
                };
                tokens_per_second: number | null;
                errors: number;
                error_rate: number | null;
                cache_hits: number;
                cache_hit_rate: number | null;
                likes: number;
                dislikes: number;
                /** @description Likes per 1,000 answers */
                satisfaction: number | null;
              }[];
            };
            /** @description 1,440 request counts by local minute of the day */
            minute_of_day: number[];
            /** @description 7 rows (Monday first) of 24 request counts by local hour */
            heatmap: number[][];
            series: {
              /** @enum {string} */
              grain: 'minute' | 'hour' | 'day' | 'week' | 'month';
              points: {
                /** @description Bucket start, ISO 8601 with the zone offset */
                t: string;
                requests: number;
                page_views: number;
                users: number;
                new_users: number;
                sessions: number;
                avg_dwell_seconds: number | null;
                tokens: number;
                cost: number;
                errors: number;
                latency_p95_ms: number | null;
              }[];
            };
            topics: {
              classified: number;
              sample_rate: number;
              labels: {
                id: string;
                zh: string;
                en: string;
              }[];
              top: {
                label: string;
                count: number;
                share: number;
              }[];
              by_model: {
                group: string;
                total: number;
                shares: {
                  label: string;
                  count: number;
                  share: number;
                }[];
              }[];
              by_segment: {
                industry: {
                  group: string;
                  total: number;
                  shares: {
                    label: string;
                    count: number;
                    share: number;
                  }[];
                }[];
                region: {
                  group: string;
                  total: number;
                  shares: {
                    label: string;
                    count: number;
                    share: number;
                  }[];
                }[];
                user_group: {
                  group: string;
                  total: number;
                  shares: {
                    label: string;
                    count: number;
                    share: number;
                  }[];
                }[];
              };
              over_time: {
                group: string;
                total: number;
                shares: {
                  label: string;
                  count: number;
                  share: number;
                }[];
              }[];
              classifier_cost: number;
            } | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAnalyticsReportCsv: {
    parameters: {
      query?: {
        /** @description Start: YYYY-MM-DD (a day in tz), a local time YYYY-MM-DDTHH:MM, an ISO 8601 time or epoch ms; default six days before to */
        from?: string;
        /** @description End: YYYY-MM-DD (that day included), or a time (exclusive); default the end of today in tz */
        to?: string;
        /** @description IANA time zone of dates, buckets and activity (default: the instance zone) */
        tz?: string;
        /** @description The workspace; instance administrators may leave it out for all */
        workspace?: string;
        /** @description Same as workspace (the name the other /api routes use) */
        workspace_id?: string;
        /** @description Series buckets; default by the period (≤ 2 h minute, ≤ 3 d hour, ≤ 92 d day, ≤ 1 y week, else month) */
        grain?: 'minute' | 'hour' | 'day' | 'week' | 'month';
        /** @description Rows per by_* table, most requests first (default 50) */
        limit?: number;
        /** @description Only this model (the name requested) */
        model?: string;
        /** @description Only this provider */
        provider?: string;
        /** @description Only this app id */
        app?: string;
        /** @description Only this scenario (app slug), or direct_api for calls no app made */
        scenario?: string;
        /** @description Only this key id */
        key?: string;
        /** @description Only this industry (segment from key, app or end-user metadata) */
        industry?: string;
        /** @description Only this region */
        region?: string;
        /** @description Only this user group */
        user_group?: string;
        /** @description The words of the headings */
        lang?: 'zh' | 'en';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv; charset=utf-8': string;
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiEvents: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description The workspace the pages belong to (an API key: its own; default: the default workspace, or a console user’s first) */
          workspace_id?: string;
          events: {
            /** @constant */
            type: 'page_view';
            /** Format: uuid */
            id: string;
            /** @description The page shown: its route (`/playground`, `/apps/{appId}/use`) or a name */
            page: string;
            /** @description When it was shown: epoch ms or ISO 8601; at most 7 days old, at most 5 minutes ahead (default: now) */
            ts?: number | string;
            /** @description The browser session (the console keeps one per tab); else the `x-session-id` header, else derived */
            session_id?: string;
            /** @description The app the page shows: its id (the view then counts in the app’s workspace, which the caller must see), or a slug in the workspace */
            app?: string;
            /** @description The end user (API keys and the admin token; a console session’s end user is its user) */
            end_user?: string;
          }[];
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'events';
            accepted: number;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiFeedback: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description The answer’s request id: the `x-request-id` response header (also the request log row’s id) */
          request_id: string;
          /** @description like, dislike, or null to withdraw a rating */
          rating: ('like' | 'dislike') | null;
          /** @description Free text (stored, never shown back in an answer of this API) */
          comment?: string | null;
          /** @description Who rates (API keys and the admin token; a console session rates as its user) */
          end_user?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'feedback';
            request_id: string;
            rating: ('like' | 'dislike') | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  putApiAnalyticsEndUsersId: {
    parameters: {
      query?: {
        /** @description The end user’s workspace (an API key: its own; else the default workspace) */
        workspace_id?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Industry, e.g. 教育 or education (at most 64 characters) */
          industry?: string | null;
          /** @description Region, e.g. 北京 or north-china (at most 64 characters) */
          region?: string | null;
          /** @description User group, e.g. teachers (at most 64 characters) */
          user_group?: string | null;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'end_user';
            id: string;
            workspace_id: string;
            industry: string | null;
            region: string | null;
            user_group: string | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiAnalyticsReports: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Start: YYYY-MM-DD (a day in tz), a local time YYYY-MM-DDTHH:MM, an ISO 8601 time or epoch ms; default six days before to */
          from?: string;
          /** @description End: YYYY-MM-DD (that day included), or a time (exclusive); default the end of today in tz */
          to?: string;
          /** @description IANA time zone of dates, buckets and activity (default: the instance zone) */
          tz?: string;
          /** @description The workspace; instance administrators may leave it out for all */
          workspace?: string;
          /** @description Same as workspace (the name the other /api routes use) */
          workspace_id?: string;
          /**
           * @description Series buckets; default by the period (≤ 2 h minute, ≤ 3 d hour, ≤ 92 d day, ≤ 1 y week, else month)
           * @enum {string}
           */
          grain?: 'minute' | 'hour' | 'day' | 'week' | 'month';
          /** @description Rows per by_* table, most requests first (default 50) */
          limit?: number;
          /** @description Only this model (the name requested) */
          model?: string;
          /** @description Only this provider */
          provider?: string;
          /** @description Only this app id */
          app?: string;
          /** @description Only this scenario (app slug), or direct_api for calls no app made */
          scenario?: string;
          /** @description Only this key id */
          key?: string;
          /** @description Only this industry (segment from key, app or end-user metadata) */
          industry?: string;
          /** @description Only this region */
          region?: string;
          /** @description Only this user group */
          user_group?: string;
          /**
           * @description html: one standalone file (inline SVG charts); csv: the tables; json: the report; pdf: the HTML printed by headless Chromium
           * @enum {string}
           */
          format: 'html' | 'csv' | 'json' | 'pdf';
          /**
           * @description The words of the HTML, PDF and CSV
           * @default zh
           * @enum {string}
           */
          lang?: 'zh' | 'en';
        };
      };
    };
    responses: {
      /** @description Success */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description The job id (job_…) */
            id: string;
            /** @constant */
            object: 'analytics.report';
            /** @enum {string} */
            status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
            progress: number;
            progress_message: string | null;
            format: string;
            lang: string;
            period: {
              from: string;
              to: string;
              time_zone: string;
            };
            workspace_id: string | null;
            filters: {
              [key: string]: string;
            };
            error: string | null;
            created_by: string | null;
            created_at: string;
            finished_at: string | null;
            file: {
              filename: string;
              content_type: string;
              size: number;
              rows: number;
              url: string;
            } | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAnalyticsReportsId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The report job id (job_…) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description The job id (job_…) */
            id: string;
            /** @constant */
            object: 'analytics.report';
            /** @enum {string} */
            status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
            progress: number;
            progress_message: string | null;
            format: string;
            lang: string;
            period: {
              from: string;
              to: string;
              time_zone: string;
            };
            workspace_id: string | null;
            filters: {
              [key: string]: string;
            };
            error: string | null;
            created_by: string | null;
            created_at: string;
            finished_at: string | null;
            file: {
              filename: string;
              content_type: string;
              size: number;
              rows: number;
              url: string;
            } | null;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAnalyticsReportsIdFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The report job id (job_…) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html; charset=utf-8': string;
          'text/csv; charset=utf-8': string;
          'application/json; charset=utf-8': string;
          'application/pdf': string;
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAnalyticsTaxonomy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'analytics.taxonomy';
            taxonomy: {
              labels: {
                id: string;
                zh: string;
                en: string;
                description: string;
                examples: string[];
              }[];
            };
            hash: string;
            /** @enum {string} */
            source: 'default' | 'config' | 'custom';
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  putApiAnalyticsTaxonomy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          labels: {
            id: string;
            zh: string;
            en: string;
            /** @default  */
            description?: string;
            /** @default [] */
            examples?: string[];
          }[];
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'analytics.taxonomy';
            taxonomy: {
              labels: {
                id: string;
                zh: string;
                en: string;
                description: string;
                examples: string[];
              }[];
            };
            hash: string;
            /** @enum {string} */
            source: 'default' | 'config' | 'custom';
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiAnalyticsTopicsStatus: {
    parameters: {
      query?: {
        /** @description Counts of this workspace; instance administrators may leave it out for the whole instance */
        workspace_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'analytics.topics.status';
            workspace_id: string | null;
            enabled: boolean;
            sample_rate: number;
            embedding_model: string | null;
            zero_shot_model: string | null;
            taxonomy_hash: string;
            /** @description Requests waiting in this process for their batch */
            buffered: number;
            /** @description analytics.topics jobs waiting to run (counted up to 1,000) */
            queued_jobs: number;
            /** @description Requests this process dropped since it started (buffer full or queue unavailable) */
            dropped: number;
            /** @description Requests this process handed to the job queue since it started */
            enqueued: number;
            classified: number;
            /** @description Classified requests answered by the prompt-hash cache */
            cache_hits: number;
            failed: number;
            embedded_texts: number;
            zero_shot_calls: number;
            /** @description What classifying cost, CNY, logged apart from the traffic it describes */
            classifier_cost: number;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiExtractText: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'extracted_text';
            /** @description The file name as sent */
            name: string;
            /**
             * @description What the file was read as
             * @enum {string}
             */
            format: 'txt' | 'md' | 'html' | 'pdf' | 'docx';
            /** @description The text, at most 1000000 characters (a file variable's most) */
            text: string;
            /** @description Characters of the whole extracted text (more than `text` holds when `truncated`) */
            characters: number;
            /** @description The text was cut at the limit */
            truncated: boolean;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postApiArenaImport: {
    parameters: {
      query?: {
        /** @description The arena's workspace; absent: the caller's only workspace, else the default workspace */
        workspace_id?: string;
        /** @description Import the good lines and skip the bad ones */
        skip_invalid?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/x-ndjson': string;
        'application/jsonl': string;
        'text/plain': string;
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            imported: number;
            /** @description Bad lines skipped (skip_invalid=true) */
            skipped: number;
            /** @description The bad lines (at most 1000), by 1-based line number, in English and Chinese */
            errors: {
              line: number;
              message: string;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postV1ChatCompletions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          model: string;
          messages: (
            | ({
                /** @constant */
                role: 'system';
                content:
                  | string
                  | (
                      | ({
                          /** @constant */
                          type: 'text';
                          text: string;
                        } & {
                          [key: string]: unknown;
                        })
                      | ({
                          /** @constant */
                          type: 'image_url';
                          image_url: {
                            url: string;
                            /** @enum {string} */
                            detail?: 'auto' | 'low' | 'high';
                          } & {
                            [key: string]: unknown;
                          };
                        } & {
                          [key: string]: unknown;
                        })
                      | ({
                          /** @enum {string} */
                          type: 'input_audio' | 'file' | 'refusal';
                        } & {
                          [key: string]: unknown;
                        })
                    )[];
                name?: string;
              } & {
                [key: string]: unknown;
              })
            | ({
                /** @constant */
                role: 'developer';
                content:
                  | string
                  | (
                      | ({
                          /** @constant */
                          type: 'text';
                          text: string;
                        } & {
                          [key: string]: unknown;
                        })
                      | ({
                          /** @constant */
                          type: 'image_url';
                          image_url: {
                            url: string;
                            /** @enum {string} */
                            detail?: 'auto' | 'low' | 'high';
                          } & {
                            [key: string]: unknown;
                          };
                        } & {
                          [key: string]: unknown;
                        })
                      | ({
                          /** @enum {string} */
                          type: 'input_audio' | 'file' | 'refusal';
                        } & {
                          [key: string]: unknown;
                        })
                    )[];
                name?: string;
              } & {
                [key: string]: unknown;
              })
            | ({
                /** @constant */
                role: 'user';
                content:
                  | string
                  | (
                      | ({
                          /** @constant */
                          type: 'text';
                          text: string;
                        } & {
                          [key: string]: unknown;
                        })
                      | ({
                          /** @constant */
                          type: 'image_url';
                          image_url: {
                            url: string;
                            /** @enum {string} */
                            detail?: 'auto' | 'low' | 'high';
                          } & {
                            [key: string]: unknown;
                          };
                        } & {
                          [key: string]: unknown;
                        })
                      | ({
                          /** @enum {string} */
                          type: 'input_audio' | 'file' | 'refusal';
                        } & {
                          [key: string]: unknown;
                        })
                    )[];
                name?: string;
              } & {
                [key: string]: unknown;
              })
            | ({
                /** @constant */
                role: 'assistant';
                content?:
                  | (
                      | string
                      | (
                          | ({
                              /** @constant */
                              type: 'text';
                              text: string;
                            } & {
                              [key: string]: unknown;
                            })
                          | ({
                              /** @constant */
                              type: 'image_url';
                              image_url: {
                                url: string;
                                /** @enum {string} */
                                detail?: 'auto' | 'low' | 'high';
                              } & {
                                [key: string]: unknown;
                              };
                            } & {
                              [key: string]: unknown;
                            })
                          | ({
                              /** @enum {string} */
                              type: 'input_audio' | 'file' | 'refusal';
                            } & {
                              [key: string]: unknown;
                            })
                        )[]
                    )
                  | null;
                name?: string;
                tool_calls?: ({
                  id: string;
                  /** @constant */
                  type: 'function';
                  function: {
                    name: string;
                    arguments: string;
                  } & {
                    [key: string]: unknown;
                  };
                } & {
                  [key: string]: unknown;
                })[];
                refusal?: string | null;
              } & {
                [key: string]: unknown;
              })
            | ({
                /** @constant */
                role: 'tool';
                content:
                  | string
                  | (
                      | ({
                          /** @constant */
                          type: 'text';
                          text: string;
                        } & {
                          [key: string]: unknown;
                        })
                      | ({
                          /** @constant */
                          type: 'image_url';
                          image_url: {
                            url: string;
                            /** @enum {string} */
                            detail?: 'auto' | 'low' | 'high';
                          } & {
                            [key: string]: unknown;
                          };
                        } & {
                          [key: string]: unknown;
                        })
                      | ({
                          /** @enum {string} */
                          type: 'input_audio' | 'file' | 'refusal';
                        } & {
                          [key: string]: unknown;
                        })
                    )[];
                tool_call_id: string;
              } & {
                [key: string]: unknown;
              })
          )[];
          stream?: boolean | null;
          stream_options?:
            | ({
                include_usage?: boolean;
              } & {
                [key: string]: unknown;
              })
            | null;
          tools?: ({
            /** @constant */
            type: 'function';
            function: {
              name: string;
              description?: string;
              parameters?: {
                [key: string]: unknown;
              };
              strict?: boolean | null;
            } & {
              [key: string]: unknown;
            };
          } & {
            [key: string]: unknown;
          })[];
          tool_choice?:
            | ('none' | 'auto' | 'required')
            | ({
                /** @constant */
                type: 'function';
                function: {
                  name: string;
                };
              } & {
                [key: string]: unknown;
              });
          parallel_tool_calls?: boolean;
          response_format?:
            | ({
                /** @constant */
                type: 'text';
              } & {
                [key: string]: unknown;
              })
            | ({
                /** @constant */
                type: 'json_object';
              } & {
                [key: string]: unknown;
              })
            | ({
                /** @constant */
                type: 'json_schema';
                json_schema: {
                  name: string;
                  description?: string;
                  schema?: {
                    [key: string]: unknown;
                  };
                  strict?: boolean | null;
                } & {
                  [key: string]: unknown;
                };
              } & {
                [key: string]: unknown;
              });
          temperature?: number | null;
          top_p?: number | null;
          max_tokens?: number | null;
          max_completion_tokens?: number | null;
          stop?: (string | string[]) | null;
          seed?: number | null;
          user?: string;
          n?: number | null;
          frequency_penalty?: number | null;
          presence_penalty?: number | null;
          logit_bias?: {
            [key: string]: number;
          } | null;
          logprobs?: boolean | null;
          top_logprobs?: number | null;
          metadata?: {
            [key: string]: string;
          } | null;
        } & {
          [key: string]: unknown;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'chat.completion';
            created: number;
            model: string;
            choices: {
              index: number;
              message: {
                /** @constant */
                role: 'assistant';
                content: string | null;
                refusal: string | null;
                tool_calls?: {
                  id: string;
                  /** @constant */
                  type: 'function';
                  function: {
                    name: string;
                    arguments: string;
                  };
                }[];
                reasoning_content?: string;
              };
              logprobs: null;
              /** @enum {string} */
              finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter';
            }[];
            usage: {
              prompt_tokens: number;
              completion_tokens: number;
              total_tokens: number;
              prompt_tokens_details?: {
                cached_tokens: number;
              };
              completion_tokens_details?: {
                reasoning_tokens: number;
              };
            };
            citations?: {
              index: number;
              knowledge_base: string;
              document_id: string;
              document_name: string;
              document_title: string | null;
              chunk_id: string;
              title_path: string[];
              text: string;
              score: number;
              cited: boolean;
              withheld?: boolean;
            }[];
            app?: {
              slug: string;
              version: number;
            };
          } & {
            [key: string]: unknown;
          };
          'text/event-stream': {
            id: string;
            /** @constant */
            object: 'chat.completion.chunk';
            created: number;
            model: string;
            choices: {
              index: number;
              delta: {
                /** @constant */
                role?: 'assistant';
                content?: string;
                reasoning_content?: string;
                tool_calls?: {
                  index: number;
                  id?: string;
                  /** @constant */
                  type?: 'function';
                  function: {
                    name?: string;
                    arguments?: string;
                  };
                }[];
              };
              logprobs: null;
              finish_reason: ('stop' | 'length' | 'tool_calls' | 'content_filter') | null;
            }[];
            usage?: {
              prompt_tokens: number;
              completion_tokens: number;
              total_tokens: number;
              prompt_tokens_details?: {
                cached_tokens: number;
              };
              completion_tokens_details?: {
                reasoning_tokens: number;
              };
            } | null;
            citations?: {
              index: number;
              knowledge_base: string;
              document_id: string;
              document_name: string;
              document_title: string | null;
              chunk_id: string;
              title_path: string[];
              text: string;
              score: number;
              cited: boolean;
              withheld?: boolean;
            }[];
            app?: {
              slug: string;
              version: number;
            };
            progress?: {
              /** @enum {string} */
              phase: 'map' | 'reduce';
              done: number;
              total: number;
            };
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postV1Embeddings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          model: string;
          input: string | string[] | number[] | number[][];
          /** @enum {string} */
          encoding_format?: 'float' | 'base64';
          dimensions?: number;
          user?: string;
        } & {
          [key: string]: unknown;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              /** @constant */
              object: 'embedding';
              index: number;
              embedding: number[] | string;
            }[];
            model: string;
            usage: {
              prompt_tokens: number;
              total_tokens: number;
            };
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postV1Rerank: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          model: string;
          query: string;
          documents: (
            | string
            | ({
                text: string;
              } & {
                [key: string]: unknown;
              })
          )[];
          top_n?: number;
          return_documents?: boolean;
          user?: string;
        } & {
          [key: string]: unknown;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'list';
            model: string;
            results: {
              index: number;
              relevance_score: number;
              document?: {
                text: string;
              };
            }[];
            usage: {
              total_tokens: number;
            };
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postV1AppsSlugRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        slug: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @default {} */
          inputs?: {
            [key: string]: unknown;
          };
          stream?: boolean;
          model?: string;
          version?: number;
          /** @enum {string} */
          language?: 'zh' | 'en';
          user?: string;
          conversation_id?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'chat.completion';
            created: number;
            model: string;
            choices: {
              index: number;
              message: {
                /** @constant */
                role: 'assistant';
                content: string | null;
                refusal: string | null;
                tool_calls?: {
                  id: string;
                  /** @constant */
                  type: 'function';
                  function: {
                    name: string;
                    arguments: string;
                  };
                }[];
                reasoning_content?: string;
              };
              logprobs: null;
              /** @enum {string} */
              finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter';
            }[];
            usage: {
              prompt_tokens: number;
              completion_tokens: number;
              total_tokens: number;
              prompt_tokens_details?: {
                cached_tokens: number;
              };
              completion_tokens_details?: {
                reasoning_tokens: number;
              };
            };
            citations?: {
              index: number;
              knowledge_base: string;
              document_id: string;
              document_name: string;
              document_title: string | null;
              chunk_id: string;
              title_path: string[];
              text: string;
              score: number;
              cited: boolean;
              withheld?: boolean;
            }[];
            app: {
              slug: string;
              version: number;
            };
          } & {
            [key: string]: unknown;
          };
          'text/event-stream': {
            id: string;
            /** @constant */
            object: 'chat.completion.chunk';
            created: number;
            model: string;
            choices: {
              index: number;
              delta: {
                /** @constant */
                role?: 'assistant';
                content?: string;
                reasoning_content?: string;
                tool_calls?: {
                  index: number;
                  id?: string;
                  /** @constant */
                  type?: 'function';
                  function: {
                    name?: string;
                    arguments?: string;
                  };
                }[];
              };
              logprobs: null;
              finish_reason: ('stop' | 'length' | 'tool_calls' | 'content_filter') | null;
            }[];
            usage?: {
              prompt_tokens: number;
              completion_tokens: number;
              total_tokens: number;
              prompt_tokens_details?: {
                cached_tokens: number;
              };
              completion_tokens_details?: {
                reasoning_tokens: number;
              };
            } | null;
            citations?: {
              index: number;
              knowledge_base: string;
              document_id: string;
              document_name: string;
              document_title: string | null;
              chunk_id: string;
              title_path: string[];
              text: string;
              score: number;
              cited: boolean;
              withheld?: boolean;
            }[];
            app?: {
              slug: string;
              version: number;
            };
            progress?: {
              /** @enum {string} */
              phase: 'map' | 'reduce';
              done: number;
              total: number;
            };
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getV1Models: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              id: string;
              /** @constant */
              object: 'model';
              created: number;
              owned_by: string;
            }[];
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getV1ModelsModel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        model: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'model';
            created: number;
            owned_by: string;
          };
        };
      };
      /** @description Error (OpenAI error shape) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
}

/** The success body of every route, by operationId (`undefined`: no body, 204). */
export interface ApiResponses {
  postApiAuthLogin: operations['postApiAuthLogin']['responses'][200]['content']['application/json'];
  postApiAuthLogout: operations['postApiAuthLogout']['responses'][200]['content']['application/json'];
  getApiAuthStatus: operations['getApiAuthStatus']['responses'][200]['content']['application/json'];
  getApiAuthMe: operations['getApiAuthMe']['responses'][200]['content']['application/json'];
  getApiWorkspaces: operations['getApiWorkspaces']['responses'][200]['content']['application/json'];
  postApiWorkspaces: operations['postApiWorkspaces']['responses'][201]['content']['application/json'];
  getApiWorkspacesWorkspaceId: operations['getApiWorkspacesWorkspaceId']['responses'][200]['content']['application/json'];
  patchApiWorkspacesWorkspaceId: operations['patchApiWorkspacesWorkspaceId']['responses'][200]['content']['application/json'];
  deleteApiWorkspacesWorkspaceId: operations['deleteApiWorkspacesWorkspaceId']['responses'][200]['content']['application/json'];
  getApiWorkspacesWorkspaceIdMembers: operations['getApiWorkspacesWorkspaceIdMembers']['responses'][200]['content']['application/json'];
  putApiWorkspacesWorkspaceIdMembersUserId: operations['putApiWorkspacesWorkspaceIdMembersUserId']['responses'][200]['content']['application/json'];
  deleteApiWorkspacesWorkspaceIdMembersUserId: operations['deleteApiWorkspacesWorkspaceIdMembersUserId']['responses'][200]['content']['application/json'];
  getApiWorkspacesWorkspaceIdApps: operations['getApiWorkspacesWorkspaceIdApps']['responses'][200]['content']['application/json'];
  postApiWorkspacesWorkspaceIdApps: operations['postApiWorkspacesWorkspaceIdApps']['responses'][201]['content']['application/json'];
  getApiAppsAppId: operations['getApiAppsAppId']['responses'][200]['content']['application/json'];
  patchApiAppsAppId: operations['patchApiAppsAppId']['responses'][200]['content']['application/json'];
  deleteApiAppsAppId: operations['deleteApiAppsAppId']['responses'][200]['content']['application/json'];
  getApiAppLibrary: operations['getApiAppLibrary']['responses'][200]['content']['application/json'];
  getApiAppsAppIdVersions: operations['getApiAppsAppIdVersions']['responses'][200]['content']['application/json'];
  postApiAppsAppIdVersions: operations['postApiAppsAppIdVersions']['responses'][201]['content']['application/json'];
  getApiAppsAppIdVersionsVersion: operations['getApiAppsAppIdVersionsVersion']['responses'][200]['content']['application/json'];
  putApiAppsAppIdVersionsVersion: operations['putApiAppsAppIdVersionsVersion']['responses'][200]['content']['application/json'];
  postApiAppsAppIdVersionsVersionPublish: operations['postApiAppsAppIdVersionsVersionPublish']['responses'][200]['content']['application/json'];
  postApiAppsAppIdRollback: operations['postApiAppsAppIdRollback']['responses'][200]['content']['application/json'];
  putApiAppsAppIdTraffic: operations['putApiAppsAppIdTraffic']['responses'][200]['content']['application/json'];
  getApiAppsAppIdExport: operations['getApiAppsAppIdExport']['responses'][200]['content']['application/json'];
  postApiWorkspacesWorkspaceIdAppsImport: operations['postApiWorkspacesWorkspaceIdAppsImport']['responses'][201]['content']['application/json'];
  postApiAppsAppIdPageEvents: operations['postApiAppsAppIdPageEvents']['responses'][200]['content']['application/json'];
  getApiAppsAppIdStats: operations['getApiAppsAppIdStats']['responses'][200]['content']['application/json'];
  postApiAppsAppIdRun: operations['postApiAppsAppIdRun']['responses'][200]['content']['application/json'];
  postApiWorkspacesWorkspaceIdAppLibrarySlugRun: operations['postApiWorkspacesWorkspaceIdAppLibrarySlugRun']['responses'][200]['content']['application/json'];
  getApiWorkspacesWorkspaceIdKeys: operations['getApiWorkspacesWorkspaceIdKeys']['responses'][200]['content']['application/json'];
  postApiWorkspacesWorkspaceIdKeys: operations['postApiWorkspacesWorkspaceIdKeys']['responses'][201]['content']['application/json'];
  getApiKeysKeyId: operations['getApiKeysKeyId']['responses'][200]['content']['application/json'];
  patchApiKeysKeyId: operations['patchApiKeysKeyId']['responses'][200]['content']['application/json'];
  deleteApiKeysKeyId: operations['deleteApiKeysKeyId']['responses'][200]['content']['application/json'];
  postApiKeysKeyIdRevoke: operations['postApiKeysKeyIdRevoke']['responses'][200]['content']['application/json'];
  getApiUsers: operations['getApiUsers']['responses'][200]['content']['application/json'];
  postApiUsers: operations['postApiUsers']['responses'][201]['content']['application/json'];
  getApiUsersUserId: operations['getApiUsersUserId']['responses'][200]['content']['application/json'];
  patchApiUsersUserId: operations['patchApiUsersUserId']['responses'][200]['content']['application/json'];
  deleteApiUsersUserId: operations['deleteApiUsersUserId']['responses'][200]['content']['application/json'];
  getApiProviders: operations['getApiProviders']['responses'][200]['content']['application/json'];
  getApiProvidersName: operations['getApiProvidersName']['responses'][200]['content']['application/json'];
  putApiProvidersName: operations['putApiProvidersName']['responses'][200]['content']['application/json'];
  deleteApiProvidersName: operations['deleteApiProvidersName']['responses'][200]['content']['application/json'];
  postApiProvidersNameTest: operations['postApiProvidersNameTest']['responses'][200]['content']['application/json'];
  getApiModels: operations['getApiModels']['responses'][200]['content']['application/json'];
  getApiModelsName: operations['getApiModelsName']['responses'][200]['content']['application/json'];
  putApiModelsName: operations['putApiModelsName']['responses'][200]['content']['application/json'];
  deleteApiModelsName: operations['deleteApiModelsName']['responses'][200]['content']['application/json'];
  getApiPrices: operations['getApiPrices']['responses'][200]['content']['application/json'];
  putApiPrices: operations['putApiPrices']['responses'][200]['content']['application/json'];
  deleteApiPrices: operations['deleteApiPrices']['responses'][200]['content']['application/json'];
  getApiCatalog: operations['getApiCatalog']['responses'][200]['content']['application/json'];
  getApiLocalModels: operations['getApiLocalModels']['responses'][200]['content']['application/json'];
  postApiLocalModelsPull: operations['postApiLocalModelsPull']['responses'][202]['content']['application/json'];
  getApiLocalModelsPullsJobId: operations['getApiLocalModelsPullsJobId']['responses'][200]['content']['application/json'];
  postApiLocalModelsProviderLoad: operations['postApiLocalModelsProviderLoad']['responses'][200]['content']['application/json'];
  postApiLocalModelsProviderUnload: operations['postApiLocalModelsProviderUnload']['responses'][200]['content']['application/json'];
  getApiLogs: operations['getApiLogs']['responses'][200]['content']['application/json'];
  getApiLogsId: operations['getApiLogsId']['responses'][200]['content']['application/json'];
  getApiUsage: operations['getApiUsage']['responses'][200]['content']['application/json'];
  getApiStatsOverview: operations['getApiStatsOverview']['responses'][200]['content']['application/json'];
  getApiSecurityPolicies: operations['getApiSecurityPolicies']['responses'][200]['content']['application/json'];
  getApiSecurityPoliciesScopeTypeScopeId: operations['getApiSecurityPoliciesScopeTypeScopeId']['responses'][200]['content']['application/json'];
  putApiSecurityPoliciesScopeTypeScopeId: operations['putApiSecurityPoliciesScopeTypeScopeId']['responses'][200]['content']['application/json'];
  deleteApiSecurityPoliciesScopeTypeScopeId: operations['deleteApiSecurityPoliciesScopeTypeScopeId']['responses'][200]['content']['application/json'];
  getApiSecurityEffective: operations['getApiSecurityEffective']['responses'][200]['content']['application/json'];
  postApiSecurityPiiScan: operations['postApiSecurityPiiScan']['responses'][200]['content']['application/json'];
  postApiSecurityModerationCheck: operations['postApiSecurityModerationCheck']['responses'][200]['content']['application/json'];
  getApiModerationRisks: operations['getApiModerationRisks']['responses'][200]['content']['application/json'];
  getApiModerationLibraries: operations['getApiModerationLibraries']['responses'][200]['content']['application/json'];
  postApiModerationLibraries: operations['postApiModerationLibraries']['responses'][201]['content']['application/json'];
  patchApiModerationLibrariesId: operations['patchApiModerationLibrariesId']['responses'][200]['content']['application/json'];
  deleteApiModerationLibrariesId: operations['deleteApiModerationLibrariesId']['responses'][200]['content']['application/json'];
  getApiModerationLibrariesIdTerms: operations['getApiModerationLibrariesIdTerms']['responses'][200]['content']['application/json'];
  postApiModerationLibrariesIdTerms: operations['postApiModerationLibrariesIdTerms']['responses'][200]['content']['application/json'];
  deleteApiModerationLibrariesIdTerms: operations['deleteApiModerationLibrariesIdTerms']['responses'][200]['content']['application/json'];
  getApiAudit: operations['getApiAudit']['responses'][200]['content']['application/json'];
  postApiAuditVerify: operations['postApiAuditVerify']['responses'][200]['content']['application/json'];
  getApiAuditExport: operations['getApiAuditExport']['responses'][200]['content']['application/json'];
  getApiJobs: operations['getApiJobs']['responses'][200]['content']['application/json'];
  postApiJobs: operations['postApiJobs']['responses'][202]['content']['application/json'];
  getApiJobsId: operations['getApiJobsId']['responses'][200]['content']['application/json'];
  postApiJobsIdCancel: operations['postApiJobsIdCancel']['responses'][200]['content']['application/json'];
  getApiKb: operations['getApiKb']['responses'][200]['content']['application/json'];
  postApiKb: operations['postApiKb']['responses'][201]['content']['application/json'];
  getApiKbKb: operations['getApiKbKb']['responses'][200]['content']['application/json'];
  patchApiKbKb: operations['patchApiKbKb']['responses'][200]['content']['application/json'];
  deleteApiKbKb: operations['deleteApiKbKb']['responses'][200]['content']['application/json'];
  postApiKbKbSearch: operations['postApiKbKbSearch']['responses'][200]['content']['application/json'];
  getApiKbKbDocuments: operations['getApiKbKbDocuments']['responses'][200]['content']['application/json'];
  postApiKbKbDocuments: operations['postApiKbKbDocuments']['responses'][202]['content']['application/json'];
  getApiKbKbDocumentsId: operations['getApiKbKbDocumentsId']['responses'][200]['content']['application/json'];
  deleteApiKbKbDocumentsId: operations['deleteApiKbKbDocumentsId']['responses'][200]['content']['application/json'];
  getApiKbKbDocumentsIdChunks: operations['getApiKbKbDocumentsIdChunks']['responses'][200]['content']['application/json'];
  getApiEvalDatasets: operations['getApiEvalDatasets']['responses'][200]['content']['application/json'];
  postApiEvalDatasets: operations['postApiEvalDatasets']['responses'][201]['content']['application/json'];
  postApiEvalDatasetsSample: operations['postApiEvalDatasetsSample']['responses'][201]['content']['application/json'];
  getApiEvalDatasetsId: operations['getApiEvalDatasetsId']['responses'][200]['content']['application/json'];
  patchApiEvalDatasetsId: operations['patchApiEvalDatasetsId']['responses'][200]['content']['application/json'];
  deleteApiEvalDatasetsId: operations['deleteApiEvalDatasetsId']['responses'][200]['content']['application/json'];
  getApiEvalDatasetsIdVersions: operations['getApiEvalDatasetsIdVersions']['responses'][200]['content']['application/json'];
  getApiEvalDatasetsIdVersionsVersionItems: operations['getApiEvalDatasetsIdVersionsVersionItems']['responses'][200]['content']['application/json'];
  postApiEvalRuns: operations['postApiEvalRuns']['responses'][202]['content']['application/json'];
  getApiEvalRuns: operations['getApiEvalRuns']['responses'][200]['content']['application/json'];
  getApiEvalRunsId: operations['getApiEvalRunsId']['responses'][200]['content']['application/json'];
  deleteApiEvalRunsId: operations['deleteApiEvalRunsId']['responses'][200]['content']['application/json'];
  getApiEvalRunsIdItems: operations['getApiEvalRunsIdItems']['responses'][200]['content']['application/json'];
  postApiEvalRunsIdCancel: operations['postApiEvalRunsIdCancel']['responses'][200]['content']['application/json'];
  postApiEvalRunsIdResume: operations['postApiEvalRunsIdResume']['responses'][200]['content']['application/json'];
  getApiEvalRunsIdReport: operations['getApiEvalRunsIdReport']['responses'][200]['content']['application/json'];
  getApiEvalLeaderboard: operations['getApiEvalLeaderboard']['responses'][200]['content']['application/json'];
  postApiArenaBattles: operations['postApiArenaBattles']['responses'][200]['content']['application/json'];
  getApiArenaBattles: operations['getApiArenaBattles']['responses'][200]['content']['application/json'];
  postApiArenaBattlesIdVote: operations['postApiArenaBattlesIdVote']['responses'][200]['content']['application/json'];
  getApiArenaRatings: operations['getApiArenaRatings']['responses'][200]['content']['application/json'];
  postApiArenaJudge: operations['postApiArenaJudge']['responses'][202]['content']['application/json'];
  getApiAnalyticsReport: operations['getApiAnalyticsReport']['responses'][200]['content']['application/json'];
  getApiAnalyticsReportCsv: operations['getApiAnalyticsReportCsv']['responses'][200]['content']['application/json'];
  postApiEvents: operations['postApiEvents']['responses'][200]['content']['application/json'];
  postApiFeedback: operations['postApiFeedback']['responses'][200]['content']['application/json'];
  putApiAnalyticsEndUsersId: operations['putApiAnalyticsEndUsersId']['responses'][200]['content']['application/json'];
  postApiAnalyticsReports: operations['postApiAnalyticsReports']['responses'][202]['content']['application/json'];
  getApiAnalyticsReportsId: operations['getApiAnalyticsReportsId']['responses'][200]['content']['application/json'];
  getApiAnalyticsReportsIdFile: operations['getApiAnalyticsReportsIdFile']['responses'][200]['content']['application/json'];
  getApiAnalyticsTaxonomy: operations['getApiAnalyticsTaxonomy']['responses'][200]['content']['application/json'];
  putApiAnalyticsTaxonomy: operations['putApiAnalyticsTaxonomy']['responses'][200]['content']['application/json'];
  getApiAnalyticsTopicsStatus: operations['getApiAnalyticsTopicsStatus']['responses'][200]['content']['application/json'];
  postApiExtractText: operations['postApiExtractText']['responses'][200]['content']['application/json'];
  postApiArenaImport: operations['postApiArenaImport']['responses'][200]['content']['application/json'];
  postV1ChatCompletions: operations['postV1ChatCompletions']['responses'][200]['content']['application/json'];
  postV1Embeddings: operations['postV1Embeddings']['responses'][200]['content']['application/json'];
  postV1Rerank: operations['postV1Rerank']['responses'][200]['content']['application/json'];
  postV1AppsSlugRun: operations['postV1AppsSlugRun']['responses'][200]['content']['application/json'];
  getV1Models: operations['getV1Models']['responses'][200]['content']['application/json'];
  getV1ModelsModel: operations['getV1ModelsModel']['responses'][200]['content']['application/json'];
}

/** The JSON body every writing route takes, by operationId. */
export interface ApiRequestBodies {
  postApiAuthLogin: NonNullable<operations['postApiAuthLogin']['requestBody']>['content']['application/json'];
  postApiWorkspaces: NonNullable<operations['postApiWorkspaces']['requestBody']>['content']['application/json'];
  patchApiWorkspacesWorkspaceId: NonNullable<operations['patchApiWorkspacesWorkspaceId']['requestBody']>['content']['application/json'];
  putApiWorkspacesWorkspaceIdMembersUserId: NonNullable<
    operations['putApiWorkspacesWorkspaceIdMembersUserId']['requestBody']
  >['content']['application/json'];
  postApiWorkspacesWorkspaceIdApps: NonNullable<
    operations['postApiWorkspacesWorkspaceIdApps']['requestBody']
  >['content']['application/json'];
  patchApiAppsAppId: NonNullable<operations['patchApiAppsAppId']['requestBody']>['content']['application/json'];
  postApiAppsAppIdVersions: NonNullable<operations['postApiAppsAppIdVersions']['requestBody']>['content']['application/json'];
  putApiAppsAppIdVersionsVersion: NonNullable<operations['putApiAppsAppIdVersionsVersion']['requestBody']>['content']['application/json'];
  postApiAppsAppIdVersionsVersionPublish: NonNullable<
    operations['postApiAppsAppIdVersionsVersionPublish']['requestBody']
  >['content']['application/json'];
  postApiAppsAppIdRollback: NonNullable<operations['postApiAppsAppIdRollback']['requestBody']>['content']['application/json'];
  putApiAppsAppIdTraffic: NonNullable<operations['putApiAppsAppIdTraffic']['requestBody']>['content']['application/json'];
  postApiWorkspacesWorkspaceIdAppsImport: NonNullable<
    operations['postApiWorkspacesWorkspaceIdAppsImport']['requestBody']
  >['content']['application/json'];
  postApiAppsAppIdPageEvents: NonNullable<operations['postApiAppsAppIdPageEvents']['requestBody']>['content']['application/json'];
  postApiAppsAppIdRun: NonNullable<operations['postApiAppsAppIdRun']['requestBody']>['content']['application/json'];
  postApiWorkspacesWorkspaceIdAppLibrarySlugRun: NonNullable<
    operations['postApiWorkspacesWorkspaceIdAppLibrarySlugRun']['requestBody']
  >['content']['application/json'];
  postApiWorkspacesWorkspaceIdKeys: NonNullable<
    operations['postApiWorkspacesWorkspaceIdKeys']['requestBody']
  >['content']['application/json'];
  patchApiKeysKeyId: NonNullable<operations['patchApiKeysKeyId']['requestBody']>['content']['application/json'];
  postApiUsers: NonNullable<operations['postApiUsers']['requestBody']>['content']['application/json'];
  patchApiUsersUserId: NonNullable<operations['patchApiUsersUserId']['requestBody']>['content']['application/json'];
  putApiProvidersName: NonNullable<operations['putApiProvidersName']['requestBody']>['content']['application/json'];
  postApiProvidersNameTest: NonNullable<operations['postApiProvidersNameTest']['requestBody']>['content']['application/json'];
  putApiModelsName: NonNullable<operations['putApiModelsName']['requestBody']>['content']['application/json'];
  putApiPrices: NonNullable<operations['putApiPrices']['requestBody']>['content']['application/json'];
  postApiLocalModelsPull: NonNullable<operations['postApiLocalModelsPull']['requestBody']>['content']['application/json'];
  putApiSecurityPoliciesScopeTypeScopeId: NonNullable<
    operations['putApiSecurityPoliciesScopeTypeScopeId']['requestBody']
  >['content']['application/json'];
  postApiSecurityPiiScan: NonNullable<operations['postApiSecurityPiiScan']['requestBody']>['content']['application/json'];
  postApiSecurityModerationCheck: NonNullable<operations['postApiSecurityModerationCheck']['requestBody']>['content']['application/json'];
  postApiModerationLibraries: NonNullable<operations['postApiModerationLibraries']['requestBody']>['content']['application/json'];
  patchApiModerationLibrariesId: NonNullable<operations['patchApiModerationLibrariesId']['requestBody']>['content']['application/json'];
  postApiModerationLibrariesIdTerms: NonNullable<
    operations['postApiModerationLibrariesIdTerms']['requestBody']
  >['content']['application/json'];
  deleteApiModerationLibrariesIdTerms: NonNullable<
    operations['deleteApiModerationLibrariesIdTerms']['requestBody']
  >['content']['application/json'];
  postApiJobs: NonNullable<operations['postApiJobs']['requestBody']>['content']['application/json'];
  postApiKb: NonNullable<operations['postApiKb']['requestBody']>['content']['application/json'];
  patchApiKbKb: NonNullable<operations['patchApiKbKb']['requestBody']>['content']['application/json'];
  postApiKbKbSearch: NonNullable<operations['postApiKbKbSearch']['requestBody']>['content']['application/json'];
  postApiKbKbDocuments: NonNullable<operations['postApiKbKbDocuments']['requestBody']>['content']['application/json'];
  postApiEvalDatasetsSample: NonNullable<operations['postApiEvalDatasetsSample']['requestBody']>['content']['application/json'];
  patchApiEvalDatasetsId: NonNullable<operations['patchApiEvalDatasetsId']['requestBody']>['content']['application/json'];
  postApiEvalRuns: NonNullable<operations['postApiEvalRuns']['requestBody']>['content']['application/json'];
  postApiArenaBattles: NonNullable<operations['postApiArenaBattles']['requestBody']>['content']['application/json'];
  postApiArenaBattlesIdVote: NonNullable<operations['postApiArenaBattlesIdVote']['requestBody']>['content']['application/json'];
  postApiArenaJudge: NonNullable<operations['postApiArenaJudge']['requestBody']>['content']['application/json'];
  postApiEvents: NonNullable<operations['postApiEvents']['requestBody']>['content']['application/json'];
  postApiFeedback: NonNullable<operations['postApiFeedback']['requestBody']>['content']['application/json'];
  putApiAnalyticsEndUsersId: NonNullable<operations['putApiAnalyticsEndUsersId']['requestBody']>['content']['application/json'];
  postApiAnalyticsReports: NonNullable<operations['postApiAnalyticsReports']['requestBody']>['content']['application/json'];
  putApiAnalyticsTaxonomy: NonNullable<operations['putApiAnalyticsTaxonomy']['requestBody']>['content']['application/json'];
  postApiArenaImport: NonNullable<operations['postApiArenaImport']['requestBody']>['content']['application/json'];
  postV1ChatCompletions: NonNullable<operations['postV1ChatCompletions']['requestBody']>['content']['application/json'];
  postV1Embeddings: NonNullable<operations['postV1Embeddings']['requestBody']>['content']['application/json'];
  postV1Rerank: NonNullable<operations['postV1Rerank']['requestBody']>['content']['application/json'];
  postV1AppsSlugRun: NonNullable<operations['postV1AppsSlugRun']['requestBody']>['content']['application/json'];
}

/** The query string of every route that takes one, by operationId. */
export interface ApiQueries {
  getApiWorkspacesWorkspaceIdApps: NonNullable<operations['getApiWorkspacesWorkspaceIdApps']['parameters']['query']>;
  getApiAppsAppIdExport: NonNullable<operations['getApiAppsAppIdExport']['parameters']['query']>;
  getApiAppsAppIdStats: NonNullable<operations['getApiAppsAppIdStats']['parameters']['query']>;
  getApiWorkspacesWorkspaceIdKeys: NonNullable<operations['getApiWorkspacesWorkspaceIdKeys']['parameters']['query']>;
  deleteApiPrices: NonNullable<operations['deleteApiPrices']['parameters']['query']>;
  getApiLogs: NonNullable<operations['getApiLogs']['parameters']['query']>;
  getApiUsage: NonNullable<operations['getApiUsage']['parameters']['query']>;
  getApiStatsOverview: NonNullable<operations['getApiStatsOverview']['parameters']['query']>;
  getApiSecurityPolicies: NonNullable<operations['getApiSecurityPolicies']['parameters']['query']>;
  getApiSecurityEffective: NonNullable<operations['getApiSecurityEffective']['parameters']['query']>;
  getApiModerationLibraries: NonNullable<operations['getApiModerationLibraries']['parameters']['query']>;
  getApiModerationLibrariesIdTerms: NonNullable<operations['getApiModerationLibrariesIdTerms']['parameters']['query']>;
  getApiAudit: NonNullable<operations['getApiAudit']['parameters']['query']>;
  getApiJobs: NonNullable<operations['getApiJobs']['parameters']['query']>;
  getApiKb: NonNullable<operations['getApiKb']['parameters']['query']>;
  postApiKb: NonNullable<operations['postApiKb']['parameters']['query']>;
  getApiKbKb: NonNullable<operations['getApiKbKb']['parameters']['query']>;
  patchApiKbKb: NonNullable<operations['patchApiKbKb']['parameters']['query']>;
  deleteApiKbKb: NonNullable<operations['deleteApiKbKb']['parameters']['query']>;
  postApiKbKbSearch: NonNullable<operations['postApiKbKbSearch']['parameters']['query']>;
  getApiKbKbDocuments: NonNullable<operations['getApiKbKbDocuments']['parameters']['query']>;
  postApiKbKbDocuments: NonNullable<operations['postApiKbKbDocuments']['parameters']['query']>;
  getApiKbKbDocumentsId: NonNullable<operations['getApiKbKbDocumentsId']['parameters']['query']>;
  deleteApiKbKbDocumentsId: NonNullable<operations['deleteApiKbKbDocumentsId']['parameters']['query']>;
  getApiKbKbDocumentsIdChunks: NonNullable<operations['getApiKbKbDocumentsIdChunks']['parameters']['query']>;
  getApiEvalDatasets: NonNullable<operations['getApiEvalDatasets']['parameters']['query']>;
  postApiEvalDatasets: NonNullable<operations['postApiEvalDatasets']['parameters']['query']>;
  postApiEvalDatasetsSample: NonNullable<operations['postApiEvalDatasetsSample']['parameters']['query']>;
  getApiEvalDatasetsId: NonNullable<operations['getApiEvalDatasetsId']['parameters']['query']>;
  patchApiEvalDatasetsId: NonNullable<operations['patchApiEvalDatasetsId']['parameters']['query']>;
  deleteApiEvalDatasetsId: NonNullable<operations['deleteApiEvalDatasetsId']['parameters']['query']>;
  getApiEvalDatasetsIdVersions: NonNullable<operations['getApiEvalDatasetsIdVersions']['parameters']['query']>;
  getApiEvalDatasetsIdVersionsVersionItems: NonNullable<operations['getApiEvalDatasetsIdVersionsVersionItems']['parameters']['query']>;
  postApiEvalRuns: NonNullable<operations['postApiEvalRuns']['parameters']['query']>;
  getApiEvalRuns: NonNullable<operations['getApiEvalRuns']['parameters']['query']>;
  getApiEvalRunsId: NonNullable<operations['getApiEvalRunsId']['parameters']['query']>;
  deleteApiEvalRunsId: NonNullable<operations['deleteApiEvalRunsId']['parameters']['query']>;
  getApiEvalRunsIdItems: NonNullable<operations['getApiEvalRunsIdItems']['parameters']['query']>;
  postApiEvalRunsIdCancel: NonNullable<operations['postApiEvalRunsIdCancel']['parameters']['query']>;
  postApiEvalRunsIdResume: NonNullable<operations['postApiEvalRunsIdResume']['parameters']['query']>;
  getApiEvalRunsIdReport: NonNullable<operations['getApiEvalRunsIdReport']['parameters']['query']>;
  getApiEvalLeaderboard: NonNullable<operations['getApiEvalLeaderboard']['parameters']['query']>;
  postApiArenaBattles: NonNullable<operations['postApiArenaBattles']['parameters']['query']>;
  getApiArenaBattles: NonNullable<operations['getApiArenaBattles']['parameters']['query']>;
  postApiArenaBattlesIdVote: NonNullable<operations['postApiArenaBattlesIdVote']['parameters']['query']>;
  getApiArenaRatings: NonNullable<operations['getApiArenaRatings']['parameters']['query']>;
  postApiArenaJudge: NonNullable<operations['postApiArenaJudge']['parameters']['query']>;
  getApiAnalyticsReport: NonNullable<operations['getApiAnalyticsReport']['parameters']['query']>;
  getApiAnalyticsReportCsv: NonNullable<operations['getApiAnalyticsReportCsv']['parameters']['query']>;
  putApiAnalyticsEndUsersId: NonNullable<operations['putApiAnalyticsEndUsersId']['parameters']['query']>;
  getApiAnalyticsTopicsStatus: NonNullable<operations['getApiAnalyticsTopicsStatus']['parameters']['query']>;
  postApiArenaImport: NonNullable<operations['postApiArenaImport']['parameters']['query']>;
}

/** The JSON of each server-sent event of a streamed answer, by operationId. */
export interface ApiEvents {
  postApiAppsAppIdRun: operations['postApiAppsAppIdRun']['responses'][200]['content']['text/event-stream'];
  postApiWorkspacesWorkspaceIdAppLibrarySlugRun: operations['postApiWorkspacesWorkspaceIdAppLibrarySlugRun']['responses'][200]['content']['text/event-stream'];
  postApiArenaBattles: operations['postApiArenaBattles']['responses'][200]['content']['text/event-stream'];
  postV1ChatCompletions: operations['postV1ChatCompletions']['responses'][200]['content']['text/event-stream'];
  postV1AppsSlugRun: operations['postV1AppsSlugRun']['responses'][200]['content']['text/event-stream'];
}
