import { graphql } from '@/gql';

export const RentreeProgressQuery = graphql(`
  query RentreeProgress($schoolYear: String) {
    rentree(schoolYear: $schoolYear) {
      schoolYear
      done
      toDo
    }
  }
`);

/** One page of the bases still on an earlier school year. */
export const BasesBeforeYearQuery = graphql(`
  query BasesBeforeYear($schoolYear: String!, $after: String) {
    bases(filter: { schoolYearBefore: $schoolYear }, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        groupUai
        schoolYear
        pronoteVersion
        publication
        version
        establishments {
          id
          uai
          name
        }
      }
    }
  }
`);

/** One page of the bases already on the year or a later one (rentrée done). */
export const BasesFromYearQuery = graphql(`
  query BasesFromYear($schoolYear: String!, $after: String) {
    bases(filter: { schoolYearFrom: $schoolYear }, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        groupUai
        schoolYear
        pronoteVersion
        publication
      }
    }
  }
`);

export const StartSchoolYearMutation = graphql(`
  mutation StartSchoolYearOfBase($baseId: ID!, $version: Int!, $schoolYear: String!, $pronoteVersion: Int) {
    startSchoolYear(baseId: $baseId, version: $version, schoolYear: $schoolYear, pronoteVersion: $pronoteVersion) {
      id
      schoolYear
      version
    }
  }
`);

export const CreateBaseMutation = graphql(`
  mutation CreateBaseOfOperator($input: CreateBaseInput!) {
    createBase(input: $input) {
      id
      groupUai
      establishments {
        uai
      }
    }
  }
`);

export const MoveEstablishmentMutation = graphql(`
  mutation MoveEstablishmentToBase($establishmentId: ID!, $baseId: ID!) {
    moveEstablishment(establishmentId: $establishmentId, baseId: $baseId) {
      id
      groupUai
      establishments {
        uai
      }
    }
  }
`);
