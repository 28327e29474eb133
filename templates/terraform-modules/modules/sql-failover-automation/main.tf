# Customer-managed failover of an Azure SQL failover group, run by an alert instead of a person.
#
# Azure's automatic failover policy waits a grace period of at least 60 minutes for the primary
# before it fails the group over (the sql module sizes it from the RPO), so DR tiers whose RTO is
# shorter (critical 15 min, high 1 h) are met only by a customer-initiated failover. This module
# runs that failover without waiting for someone to be paged:
#
#   Resource Health reports a primary database Unavailable, platform-initiated
#     -> activity log alert -> action group -> Logic App workflow in the SECONDARY region
#     -> wait confirmation_minutes
#     -> read the databases' Resource Health and the failover group's role on the secondary
#     -> a database still down and the partner still secondary: forced failover on the partner
#
# The workflow decides on what Resource Health and the failover group report when it runs, never
# on the alert's payload: a blip that has recovered, a replayed request or an alert after the group
# has already failed over moves nothing.

locals {
  # Resource Manager API versions the workflow calls, both GA: Microsoft.ResourceHealth
  # availabilityStatuses/current and Microsoft.Sql failoverGroups (GET, forceFailoverAllowDataLoss).
  resource_health_api_version = "2022-10-01"
  sql_api_version             = "2021-11-01"

  resource_manager = "https://management.azure.com"

  # Every call goes to Resource Manager with a token of the workflow's own identity: no key,
  # password or connection is stored, and the identity can do only what its roles below allow.
  resource_manager_authentication = {
    type     = "ManagedServiceIdentity"
    audience = "https://management.azure.com/"
  }

  failover_states = var.trigger_on_degraded ? ["Unavailable", "Degraded"] : ["Unavailable"]

  # Resource Health's detection of an outage and the activity log alert's delivery to the action
  # group take up to about five minutes; the RTO check budgets them before the confirmation wait.
  detection_minutes = 5

  # Keyed by action name. Keys are list positions rather than IDs so that they are known at plan
  # time even when the databases are created in the same apply.
  health_checks = { for index, id in var.watched_resource_ids : "Read_health_${index}" => id }

  # The reads run right after the trigger, or after the confirmation wait when there is one.
  after_confirmation = { for action in(var.confirmation_minutes > 0 ? ["Wait_for_confirmation"] : []) : action => ["Succeeded"] }

  # Resource Manager answers 429 and 5xx while a region is failing; the calls are retried for two
  # minutes before the run fails (and the run history in Log Analytics says why).
  retry_policy = {
    type     = "fixed"
    count    = 4
    interval = "PT30S"
  }
}

# Logic Apps Consumption: no plan or storage account to keep running, billed per action, and
# a run executes in the workflow's region.
resource "azurerm_logic_app_workflow" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location

  identity {
    type = "SystemAssigned"
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = var.location != var.primary_location
      error_message = "location must differ from primary_location: the workflow has to run while the primary region is down, so it lives in the failover group's secondary region."
    }

    precondition {
      condition     = alltrue([for id in var.watched_resource_ids : !startswith(lower(id), "${lower(var.failover_group.secondary_server_id)}/")])
      error_message = "watched_resource_ids must be databases of the primary server, not of failover_group.secondary_server_id: the secondary's health does not say whether the primary is down."
    }
  }
}

# Azure Monitor posts the common alert schema (use_common_alert_schema on the action group): the
# essentials name the rule, the database and the time, the alert context holds the Resource Health
# event. The workflow decides nothing from them; the run history keeps them as the record of what
# started the run.
resource "azurerm_logic_app_trigger_http_request" "alert" {
  name         = "Resource_Health_alert"
  logic_app_id = azurerm_logic_app_workflow.this.id
  method       = "POST"

  schema = jsonencode({
    type = "object"
    properties = {
      schemaId = { type = "string" }
      data = {
        type = "object"
        properties = {
          essentials = {
            type = "object"
            properties = {
              alertId           = { type = "string" }
              alertRule         = { type = "string" }
              severity          = { type = "string" }
              signalType        = { type = "string" }
              monitorCondition  = { type = "string" }
              monitoringService = { type = "string" }
              alertTargetIDs    = { type = "array", items = { type = "string" } }
              firedDateTime     = { type = "string" }
            }
          }
          alertContext = { type = "object" }
        }
      }
    }
  })
}

# A blip must not move production: a forced failover drops the writes not yet replicated, and
# Resource Health also reports short platform interruptions that heal by themselves.
resource "azurerm_logic_app_action_custom" "wait" {
  count = var.confirmation_minutes > 0 ? 1 : 0

  name         = "Wait_for_confirmation"
  logic_app_id = azurerm_logic_app_workflow.this.id

  body = jsonencode({
    type = "Wait"
    inputs = {
      interval = {
        count = var.confirmation_minutes
        unit  = "Minute"
      }
    }
    runAfter = {}
  })

  depends_on = [azurerm_logic_app_trigger_http_request.alert]
}

# The current Resource Health of each primary database, read again after the wait.
resource "azurerm_logic_app_action_custom" "read_health" {
  for_each = local.health_checks

  name         = each.key
  logic_app_id = azurerm_logic_app_workflow.this.id

  body = jsonencode({
    type = "Http"
    inputs = {
      method         = "GET"
      uri            = "${local.resource_manager}${each.value}/providers/Microsoft.ResourceHealth/availabilityStatuses/current?api-version=${local.resource_health_api_version}"
      authentication = local.resource_manager_authentication
      retryPolicy    = local.retry_policy
    }
    runAfter = local.after_confirmation
  })

  # Logic Apps refuses a definition whose runAfter names an action it does not contain yet.
  depends_on = [azurerm_logic_app_action_custom.wait]
}

# The failover group as the secondary server sees it. Once the partner is primary (the workflow
# already ran, Azure's automatic policy fired, or someone failed over from the runbook) there is
# nothing to do; failing back to the recovered region is a planned failover people decide on.
resource "azurerm_logic_app_action_custom" "read_failover_group" {
  name         = "Read_failover_group"
  logic_app_id = azurerm_logic_app_workflow.this.id

  body = jsonencode({
    type = "Http"
    inputs = {
      method         = "GET"
      uri            = "${local.resource_manager}${var.failover_group.secondary_server_id}/failoverGroups/${var.failover_group.name}?api-version=${local.sql_api_version}"
      authentication = local.resource_manager_authentication
      retryPolicy    = local.retry_policy
    }
    runAfter = local.after_confirmation
  })

  depends_on = [azurerm_logic_app_action_custom.wait]
}

# Fails over only when every read succeeded, a watched database is still down and the partner is
# still secondary. A failed read skips the failover (the run fails and says why): acting on an
# unknown state could move a healthy primary.
#
# forceFailoverAllowDataLoss is issued on the secondary server, which becomes the primary. A
# planned failover (failover) needs the unavailable primary to synchronise and would time out;
# the forced one takes the partner as it is, losing at most the writes within the RPO. The
# action follows the asynchronous 202 pattern until the failover has finished.
resource "azurerm_logic_app_action_custom" "fail_over" {
  name         = "Fail_over_if_still_down"
  logic_app_id = azurerm_logic_app_workflow.this.id

  body = jsonencode({
    type = "If"
    expression = {
      and = [
        {
          equals = ["@body('Read_failover_group')?['properties']?['replicationRole']", "Secondary"]
        },
        {
          or = flatten([
            for action in keys(local.health_checks) : [
              for state in local.failover_states : {
                equals = ["@body('${action}')?['properties']?['availabilityState']", state]
              }
            ]
          ])
        },
      ]
    }
    actions = {
      Force_failover = {
        type = "Http"
        inputs = {
          method         = "POST"
          uri            = "${local.resource_manager}${var.failover_group.secondary_server_id}/failoverGroups/${var.failover_group.name}/forceFailoverAllowDataLoss?api-version=${local.sql_api_version}"
          authentication = local.resource_manager_authentication
          retryPolicy    = local.retry_policy
        }
        runAfter = {}
      }
    }
    runAfter = merge(
      { for action in keys(local.health_checks) : action => ["Succeeded"] },
      { Read_failover_group = ["Succeeded"] },
    )
  })

  depends_on = [
    azurerm_logic_app_action_custom.read_health,
    azurerm_logic_app_action_custom.read_failover_group,
  ]
}

# Only the calls the workflow makes. SQL Server Contributor, scoped to the secondary server, is the
# built-in role that covers reading the failover group and forceFailoverAllowDataLoss there; it
# gives no access to the data, nor to security policies, nor to anything on the primary.
resource "azurerm_role_assignment" "failover" {
  scope                = var.failover_group.secondary_server_id
  role_definition_name = "SQL Server Contributor"
  principal_id         = azurerm_logic_app_workflow.this.identity[0].principal_id
  principal_type       = "ServicePrincipal"
}

# Reading a resource's availability status needs read access to the resource itself.
resource "azurerm_role_assignment" "health" {
  for_each = local.health_checks

  scope                = each.value
  role_definition_name = "Reader"
  principal_id         = azurerm_logic_app_workflow.this.identity[0].principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "this" {
  for_each = var.role_assignments

  scope                = azurerm_logic_app_workflow.this.id
  role_definition_name = each.value.role_definition_name
  principal_id         = each.value.principal_id
  principal_type       = each.value.principal_type
}

# Every run, with each action's inputs, outputs and status, goes to the workspace: who or what
# failed production over, when, and on which evidence (HIPAA §164.312(b), audit controls; Azure
# Policy "Resource logs in Logic Apps should be enabled"). The category group keeps new log
# categories without a module release. Logic Apps Consumption writes to AzureDiagnostics and
# offers no destination type, so none is set.
resource "azurerm_monitor_diagnostic_setting" "this" {
  name                       = "send-to-log-analytics"
  target_resource_id         = azurerm_logic_app_workflow.this.id
  log_analytics_workspace_id = var.log_analytics_workspace_id

  enabled_log {
    category_group = "allLogs"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_monitor_action_group" "this" {
  name                = "ag-${var.name}"
  resource_group_name = var.resource_group_name
  # A global action group is processed in any region; a regional one could go down with the
  # primary region it is meant to report on.
  location = "global"
  # What emails name as the sender: 12 characters at most.
  short_name = "sql-failover"

  logic_app_receiver {
    name                    = "failover-workflow"
    resource_id             = azurerm_logic_app_workflow.this.id
    callback_url            = azurerm_logic_app_trigger_http_request.alert.callback_url
    use_common_alert_schema = true
  }

  # People learn that the automation started from the alert itself, not from a workflow that may
  # be the thing that fails.
  dynamic "email_receiver" {
    for_each = var.notify_emails
    content {
      name                    = "email-${email_receiver.key}"
      email_address           = email_receiver.value
      use_common_alert_schema = true
    }
  }

  tags = var.tags

  # The alert must not reach a workflow whose actions are not all in place yet.
  depends_on = [azurerm_logic_app_action_custom.fail_over]
}

# Platform-initiated only: a database someone stopped, scaled or deleted (UserInitiated) is not a
# regional outage and must not move production.
resource "azurerm_monitor_activity_log_alert" "this" {
  name                = "alert-${var.name}"
  resource_group_name = var.resource_group_name
  # Activity log alerts are global: evaluated outside the region whose outage they report.
  location    = "global"
  scopes      = var.watched_resource_ids
  description = "Starts ${var.name}, which fails over ${var.failover_group.name} if a primary database is still ${join(" or ", local.failover_states)} after ${var.confirmation_minutes} minutes."

  criteria {
    category = "ResourceHealth"

    resource_health {
      current = local.failover_states
      reason  = ["PlatformInitiated"]
    }
  }

  action {
    action_group_id = azurerm_monitor_action_group.this.id
  }

  tags = var.tags

  # The workflow's identity must be able to read health and fail over before anything can start it.
  depends_on = [azurerm_role_assignment.failover, azurerm_role_assignment.health]
}

# Keeps the automation from being deleted while it is the DR plan. Created last, so that building
# the workflow is not blocked by its own lock.
resource "azurerm_management_lock" "this" {
  count = var.lock != null ? 1 : 0

  name       = coalesce(var.lock.name, "lock-${var.name}")
  scope      = azurerm_logic_app_workflow.this.id
  lock_level = var.lock.kind
  notes      = "Runs the customer-managed failover of SQL failover group ${var.failover_group.name}; deleting it leaves the DR tier's RTO to people."

  depends_on = [
    azurerm_logic_app_action_custom.fail_over,
    azurerm_monitor_diagnostic_setting.this,
    azurerm_role_assignment.this,
  ]
}

check "failover_within_rto" {
  assert {
    condition     = var.rto_minutes == null ? true : var.confirmation_minutes + local.detection_minutes < var.rto_minutes
    error_message = "confirmation_minutes (${var.confirmation_minutes}) plus about ${local.detection_minutes} minutes for Resource Health and the alert to start the workflow leaves no time within the RTO (${var.rto_minutes} min) for the failover itself. Shorten confirmation_minutes."
  }
}

check "lock_allows_plans" {
  assert {
    condition     = var.lock == null ? true : var.lock.kind != "ReadOnly"
    error_message = "A ReadOnly lock blocks POST operations on the workflow: Terraform can no longer read the trigger's callback URL (listCallbackUrl) when it refreshes, nor change the trigger and actions, so every later plan fails. Use CanNotDelete."
  }
}
