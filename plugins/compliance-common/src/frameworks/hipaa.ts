import type { Framework } from './types';

/**
 * The HIPAA Security Rule controls Vitals can produce evidence for.
 *
 * Azure Policy's "HIPAA HITRUST" initiative groups its definitions by HITRUST
 * CSF control ids (`hipaa-0809.01n2Organizational.1234-01.n`), not by CFR
 * citations. The mapping from 45 CFR sections to rule ids below is ours and
 * deliberate; each rule names the built-in policy it mirrors, and that policy's
 * HITRUST groups, so an auditor can cross-reference both ways.
 *
 * Required/Addressable flags follow the implementation specifications of
 * 45 CFR 164.308, 164.312 and 164.316 as amended on 2013-01-25 (78 FR 5566).
 */
export const hipaaFramework: Framework = {
  id: 'hipaa',
  title: 'HIPAA Security Rule (45 CFR Part 164, Subpart C)',
  version: '1.0.0',
  enforcedFor: ['phi'],
  controls: [
    {
      id: '164.308(a)(1)(ii)(A)',
      title: 'Risk analysis',
      citation: '45 CFR 164.308(a)(1)(ii)(A)',
      safeguard: 'administrative',
      implementation: 'required',
      severity: 'high',
      description:
        'Assess the risks to the confidentiality, integrity and availability of ePHI. The assessment starts by knowing where ePHI lives: every service declares the class of data it handles; databases are scanned for vulnerabilities on a schedule.',
      checks: ['catalog.data-classification', 'sqlmi.vulnerability-assessment'],
    },
    {
      id: '164.308(a)(1)(ii)(D)',
      title: 'Information system activity review',
      citation: '45 CFR 164.308(a)(1)(ii)(D)',
      safeguard: 'administrative',
      implementation: 'required',
      severity: 'medium',
      description:
        'Regularly review records of information system activity such as audit logs and access reports. Review needs the records in one queryable place: resource logs in a Log Analytics workspace, SQL auditing and workspace-based application telemetry.',
      checks: [
        'monitor.resource-logs',
        'sql.auditing',
        'appgateway.resource-logs',
        'frontdoor.resource-logs',
        'trafficmanager.resource-logs',
        'firewall.resource-logs',
        'apim.resource-logs',
        'eventhub.resource-logs',
        'servicebus.resource-logs',
        'iothub.resource-logs',
        'sqlmi.auditing',
        'appinsights.workspace-based',
      ],
    },
    {
      id: '164.308(a)(2)',
      title: 'Assigned security responsibility',
      citation: '45 CFR 164.308(a)(2)',
      safeguard: 'administrative',
      implementation: 'required',
      severity: 'medium',
      description:
        'Identify who is responsible for security. Each service is owned by a team known to the catalog, so every finding has someone to fix it.',
      checks: ['catalog.owner-group'],
    },
    {
      id: '164.308(a)(7)(i)',
      title: 'Contingency plan',
      citation: '45 CFR 164.308(a)(7)(i)',
      safeguard: 'administrative',
      implementation: 'required',
      severity: 'high',
      description:
        'Establish policies and procedures for responding to an emergency that damages systems containing ePHI. Each PHI service declares its disaster-recovery tier (its RTO and RPO).',
      checks: ['catalog.dr-tier'],
    },
    {
      id: '164.308(a)(7)(ii)(A)',
      title: 'Data backup plan',
      citation: '45 CFR 164.308(a)(7)(ii)(A)',
      safeguard: 'administrative',
      implementation: 'required',
      severity: 'high',
      description:
        'Create and maintain retrievable exact copies of ePHI: long-term retention of SQL and managed-instance backups, geo-redundant instance backups, Azure Backup of virtual machines, and key vaults that cannot lose the keys encrypting them.',
      checks: [
        'sql.long-term-backup-retention',
        'keyvault.deletion-protection',
        'sqlmi.long-term-backup-retention',
        'sqlmi.geo-redundant-backups',
        'vm.backup',
      ],
    },
    {
      id: '164.308(a)(7)(ii)(B)',
      title: 'Disaster recovery plan',
      citation: '45 CFR 164.308(a)(7)(ii)(B)',
      safeguard: 'administrative',
      implementation: 'required',
      severity: 'high',
      description:
        'Establish procedures to restore any loss of data: the secondary region is ready to take over, as assessed by the DR-readiness plugin, and virtual machines replicate to it.',
      checks: ['catalog.dr-secondary-ready', 'vm.disaster-recovery'],
    },
    {
      id: '164.308(a)(7)(ii)(D)',
      title: 'Testing and revision procedures',
      citation: '45 CFR 164.308(a)(7)(ii)(D)',
      safeguard: 'administrative',
      implementation: 'addressable',
      severity: 'medium',
      description:
        'Periodically test and revise contingency plans: a DR drill within the last 12 months, or attested evidence of an equivalent test.',
      checks: ['catalog.dr-drill-recent'],
    },
    {
      id: '164.312(a)(1)',
      title: 'Access control',
      citation: '45 CFR 164.312(a)(1)',
      safeguard: 'technical',
      implementation: 'required',
      severity: 'high',
      description:
        'Allow access to systems holding ePHI only to those granted access rights: no anonymous or all-networks access to data stores, caches, message brokers and API gateways; RBAC and private API servers on Kubernetes.',
      checks: [
        'storage.no-public-blob-access',
        'storage.network-restricted',
        'sql.public-network-disabled',
        'keyvault.private-access',
        'cosmosdb.private-access',
        'aks.rbac',
        'aks.private-cluster',
        'sqlmi.public-data-endpoint-disabled',
        'redis.private-access',
        'eventhub.private-access',
        'servicebus.private-access',
        'iothub.private-access',
        'apim.private-access',
        'containerapp.environment-private',
        'containerinstance.private-network',
      ],
    },
    {
      id: '164.312(a)(2)(iv)',
      title: 'Encryption and decryption',
      citation: '45 CFR 164.312(a)(2)(iv)',
      safeguard: 'technical',
      implementation: 'addressable',
      severity: 'high',
      description:
        'Implement a mechanism to encrypt and decrypt ePHI at rest. Azure Storage and Cosmos DB always encrypt at rest; SQL databases need Transparent Data Encryption left on, managed instances a customer-managed TDE key, and virtual machines encryption at host (temp disks and caches) or disk encryption sets.',
      checks: [
        'sql.transparent-data-encryption',
        'sqlmi.customer-managed-key',
        'vm.encryption-at-host',
      ],
    },
    {
      id: '164.312(b)',
      title: 'Audit controls',
      citation: '45 CFR 164.312(b)',
      safeguard: 'technical',
      implementation: 'required',
      severity: 'high',
      description:
        'Implement mechanisms that record and examine activity in systems that contain or use ePHI: resource logs (including the gateways, firewalls and message brokers PHI passes through), SQL and managed-instance auditing.',
      checks: [
        'monitor.resource-logs',
        'sql.auditing',
        'appgateway.resource-logs',
        'frontdoor.resource-logs',
        'trafficmanager.resource-logs',
        'firewall.resource-logs',
        'apim.resource-logs',
        'eventhub.resource-logs',
        'servicebus.resource-logs',
        'iothub.resource-logs',
        'sqlmi.auditing',
        'appinsights.workspace-based',
      ],
    },
    {
      id: '164.312(c)(1)',
      title: 'Integrity',
      citation: '45 CFR 164.312(c)(1)',
      safeguard: 'technical',
      implementation: 'required',
      severity: 'medium',
      description:
        'Protect ePHI from improper alteration or destruction. Keys that encrypt ePHI are protected against deletion and purge; web application firewalls block injection attacks in front of PHI applications; the firewall drops traffic to known-malicious hosts; only authenticated clients write telemetry.',
      checks: [
        'keyvault.deletion-protection',
        'appgateway.waf-enabled',
        'appgateway.waf-prevention-mode',
        'appgateway.waf-managed-rules',
        'frontdoor.waf-attached',
        'frontdoor.waf-prevention-mode',
        'firewall.threat-intel-deny',
        'appinsights.local-auth-disabled',
      ],
    },
    {
      id: '164.312(d)',
      title: 'Person or entity authentication',
      citation: '45 CFR 164.312(d)',
      safeguard: 'technical',
      implementation: 'required',
      severity: 'high',
      description:
        'Verify that a person or entity seeking access to ePHI is the one claimed: Microsoft Entra ID identities instead of shared keys and passwords.',
      checks: [
        'sql.entra-authentication',
        'cosmosdb.local-auth-disabled',
        'aks.entra-integration',
        'appservice.managed-identity',
        'sqlmi.entra-only-authentication',
        'eventhub.local-auth-disabled',
        'servicebus.local-auth-disabled',
        'iothub.local-auth-disabled',
        'appinsights.local-auth-disabled',
      ],
    },
    {
      id: '164.312(e)(1)',
      title: 'Transmission security',
      citation: '45 CFR 164.312(e)(1)',
      safeguard: 'technical',
      implementation: 'required',
      severity: 'high',
      description:
        'Guard against unauthorized access to ePHI transmitted over a network: no plain HTTP, FTP or non-TLS Redis endpoints, at the edge (Front Door, Application Gateway, Container Apps ingress) as at the origin.',
      checks: [
        'storage.secure-transfer',
        'appservice.https-only',
        'appservice.ftps',
        'redis.non-tls-port-disabled',
        'frontdoor.https-only',
        'appgateway.https-only',
        'trafficmanager.https-probes',
        'appgateway.v2-sku',
        'containerapp.ingress-tls',
      ],
    },
    {
      id: '164.312(e)(2)(ii)',
      title: 'Encryption (transmission)',
      citation: '45 CFR 164.312(e)(2)(ii)',
      safeguard: 'technical',
      implementation: 'addressable',
      severity: 'high',
      description:
        'Encrypt ePHI in transit whenever deemed appropriate: endpoints refuse TLS versions older than 1.2 and ciphers known to be broken.',
      checks: [
        'storage.minimum-tls',
        'sql.minimum-tls',
        'appservice.minimum-tls',
        'sqlmi.minimum-tls',
        'redis.minimum-tls',
        'eventhub.minimum-tls',
        'servicebus.minimum-tls',
        'appgateway.minimum-tls',
        'frontdoor.minimum-tls',
        'apim.legacy-tls-disabled',
        'apim.weak-ciphers-disabled',
      ],
    },
    {
      id: '164.316(b)(2)(i)',
      title: 'Time limit (documentation retention)',
      citation: '45 CFR 164.316(b)(2)(i)',
      safeguard: 'documentation',
      implementation: 'required',
      severity: 'medium',
      description:
        'Retain required documentation, including records of actions and activities, for 6 years from creation or last effective date. Audit logs, including those of managed instances, gateways, firewalls and message brokers, are kept at least that long (2190 days by default); classic Application Insights cannot keep telemetry that long.',
      checks: [
        'monitor.log-retention',
        'monitor.platform-log-retention',
        'appinsights.workspace-based',
      ],
    },
  ],
};
