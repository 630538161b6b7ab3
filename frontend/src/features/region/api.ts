import { graphql } from '@/gql';

/** One page of the regional dashboard (up to 1,000 establishments). */
export const RegionDashboardQuery = graphql(`
  query RegionDashboard($after: String) {
    dashboard(first: 1000, after: $after) {
      hasNextPage
      endCursor
      rows {
        uai
        name
        kind
        kindLabel
        commune
        department
        academy
        closed
        baseId
        groupUai
        hosting
        schoolYear
        publication
        errors
        warnings
        model
        modelStatus
        casCheckedAt
        casOutcome
      }
    }
  }
`);

/** What the charts show, and the bases whose settings left their model. */
export const RegionSummaryQuery = graphql(`
  query RegionSummary {
    basesSummary {
      bases
      published
      findings {
        code
        severityLabel
        example
        bases
      }
    }
    modelUsage {
      model {
        id
        name
      }
      bases
      pendingUpdates
    }
    driftedBases {
      base {
        id
      }
    }
  }
`);
